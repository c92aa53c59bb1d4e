/** Thrown for any input that cannot be scored safely (never return a wrong score instead). */
export class ScoringInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ScoringInputError'
    Object.setPrototypeOf(this, new.target.prototype)
  }
}
