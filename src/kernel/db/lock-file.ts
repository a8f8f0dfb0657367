import fs from 'node:fs'
import path from 'node:path'

/**
 * An exclusive lock on the embedded data folder: two processes opening one PGlite
 * folder silently lose committed rows (measured), so the second one must refuse.
 * A lock left by a dead process (crash, SIGKILL) is taken over.
 */
export function acquireDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'lakou.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx')
      fs.writeSync(fd, String(process.pid))
      fs.closeSync(fd)
      return () => fs.rmSync(file, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(fs.readFileSync(file, 'utf8'))
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`The data folder ${dir} is in use by process ${pid}. Stop it first, or set LAKOU_DATA_DIR to another folder.`)
      }
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not lock ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
