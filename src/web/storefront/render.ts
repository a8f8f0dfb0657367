import type { JSX } from 'preact'
import { render } from 'preact-render-to-string'

/** A full HTML document from a view; preact escapes every text and attribute. */
export function renderDocument(vnode: JSX.Element): string {
  return `<!doctype html>${render(vnode)}`
}
