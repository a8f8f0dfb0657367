import { AppError } from '../../kernel/errors.ts'

export { invalid, parseInput, type FieldError } from '../../kernel/field-errors.ts'

export const producerNotFound = (): AppError => new AppError('NOT_FOUND', 'Ce producteur n’existe pas.')
