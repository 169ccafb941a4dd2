/**
 * A time budget for one parse. Every pattern the parser runs is linear in its input, so a parse is
 * fast; the budget is the backstop that turns a surprise (a pattern nobody measured) into a clear
 * rejection of that one upload instead of a timed-out batch. Checked between stages and every few
 * sentences, so an overrun is caught within a few milliseconds of the budget.
 */
export class ParseBudgetExceededError extends Error {
  override readonly name = 'ParseBudgetExceededError';
  constructor(
    readonly budgetMs: number,
    readonly stage: string,
  ) {
    super(`parsing took longer than its budget of ${budgetMs} ms (stopped during ${stage})`);
  }
}

export class ParseBudget {
  private readonly deadline: number;
  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.deadline = now() + budgetMs;
  }
  /** Throws ParseBudgetExceededError once the budget is spent. */
  check(stage: string): void {
    if (this.now() > this.deadline) throw new ParseBudgetExceededError(this.budgetMs, stage);
  }
  /** No limit: for tools and tests that parse trusted text. */
  static readonly unlimited: ParseBudget = new ParseBudget(Number.POSITIVE_INFINITY);
}
