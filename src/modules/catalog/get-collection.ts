// One use case per file: the collection page shares its query with the list (list-collections.ts).
export { getCollection } from './list-collections.ts'
