/**
 * A refusal the visitor's page can act on: the status and `code` say what happened, `fields`
 * which fields to fix, `retryAfter` how long to wait. Both protocols' readers find what they
 * need: `fields` at the top (comments) and under `data` (the contact form, like WordPress).
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}
