/** One place to ask for the time, so timeouts can be tested by passing a clock. */
export type Clock = () => Date
export const systemClock: Clock = () => new Date()
