import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AppError } from '../../../kernel/errors.ts'
import { protectCell, readBoolean, readDecimal, readDimensions, readEuros, unprotectCell, writeDecimal, writeEuros } from './cells.ts'
import { readCsv } from './read-csv.ts'

// Reading the files merchandisers send: French Excel (';', BOM, CRLF), plain UTF-8 (','), and the
// ways a file goes wrong, each pointing at the row a spreadsheet shows.

const utf8 = (s: string) => new TextEncoder().encode(s)

test('a French Excel file (BOM, semicolons, CRLF, a cell with line breaks) reads as the spreadsheet shows it', () => {
  const r = readCsv(utf8('\uFEFFhandle;name_fr;price\r\nrhum;"Rhum; vieux\r\nhors d’âge";27,90\r\n;;\r\ncafe;Café;8,50\r\n'))
  assert.ok(r.ok)
  assert.equal(r.table.delimiter, ';')
  assert.deepEqual(r.table.header, ['handle', 'name_fr', 'price'])
  assert.deepEqual(r.table.rows, [
    { line: 2, cells: ['rhum', 'Rhum; vieux\r\nhors d’âge', '27,90'] },
    { line: 4, cells: ['cafe', 'Café', '8,50'] },
  ])
})

test('a comma file without BOM reads the same way', () => {
  const r = readCsv(utf8('handle,name_fr\nrhum,"Rhum, vieux"\n'))
  assert.ok(r.ok)
  assert.equal(r.table.delimiter, ',')
  assert.deepEqual(r.table.rows, [{ line: 2, cells: ['rhum', 'Rhum, vieux'] }])
})

test('bytes that are not UTF-8 are reported on their lines, nothing else is read', () => {
  const latin1 = Buffer.concat([utf8('handle;name_fr\nrhum;Rhum\ncafe;Caf'), Buffer.from([0xe9]), utf8('\nthe;Th'), Buffer.from([0xe9]), utf8('\n')])
  const r = readCsv(latin1)
  assert.ok(!r.ok)
  assert.deepEqual(r.errors.map((e) => e.line), [3, 4])
  assert.match(r.errors[0]!.message, /UTF-8/)
  const utf16 = readCsv(Buffer.from([0xff, 0xfe, 0x68, 0x00]))
  assert.ok(!utf16.ok)
  assert.match(utf16.errors[0]!.message, /UTF-16/)
})

test('an unclosed quote names the row where it opens', () => {
  const r = readCsv(utf8('handle;name_fr\nrhum;Rhum\ncafe;"Café\nthe;Thé\n'))
  assert.ok(!r.ok)
  assert.equal(r.errors[0]!.line, 3)
})

test('files over the size or row limit are refused before anything is read', () => {
  const big = Buffer.alloc(20 * 1024 * 1024 + 1, 'a')
  assert.throws(() => readCsv(big), (e: unknown) => e instanceof AppError && e.code === 'CATALOG_CSV_TOO_LARGE' && e.status === 413)
  const rows = `h\n${'x\n'.repeat(11)}`
  assert.throws(() => readCsv(utf8(rows), { maxBytes: 1000, maxRows: 10 }), (e: unknown) => e instanceof AppError && e.code === 'CATALOG_CSV_TOO_LARGE')
})

test('prices are euros with at most 2 decimals, read to cents without float error; numbers take , or .', () => {
  assert.deepEqual(readEuros('27,90'), { ok: true, value: 2790 })
  assert.deepEqual(readEuros('0.1'), { ok: true, value: 10 })
  assert.deepEqual(readEuros('1234567'), { ok: true, value: 123456700 })
  assert.deepEqual(readEuros(''), { ok: true, value: null })
  for (const bad of ['12,999', '1 234,00', '€12', '-3', '12,5,0']) assert.equal(readEuros(bad).ok, false, bad)
  assert.equal(writeEuros(2790, ','), '27,90')
  assert.equal(writeEuros(5, '.'), '0.05')
  assert.deepEqual(readDecimal('0,385'), { ok: true, value: 0.385 })
  assert.equal(writeDecimal(0.07699, ','), '0,07699')
  assert.equal(readDecimal('1e3').ok, false)
  assert.deepEqual(readDimensions('9 x 9 x 33'), { ok: true, value: [9, 9, 33] })
  assert.deepEqual(readBoolean('Oui'), { ok: true, value: true })
  assert.equal(readBoolean('peut-être').ok, false)
})

test('cells a spreadsheet would run as formulas are exported with an apostrophe, removed on import', () => {
  for (const text of ['=HYPERLINK("http://evil","x")', '+33 5 90', '-20 %', '@SUM(A1)', "'=already quoted", 'Rhum « 50 % »']) {
    const cell = protectCell(text)
    if (/^'*[=+\-@]/.test(text)) assert.ok(cell.startsWith("'"), cell)
    assert.equal(unprotectCell(cell), text)
  }
})
