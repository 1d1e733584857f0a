/** An operator's input that the operation refuses, with the reason in one line. */
export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}

/** No live key has the id an operator named. */
export class UnknownKey extends Error {
  constructor(id: string) {
    super(`no live key has the id ${id}`);
    this.name = 'UnknownKey';
  }
}

/** No webhook endpoint has the id an operator named. */
export class UnknownWebhook extends Error {
  constructor(id: string) {
    super(`no webhook endpoint has the id ${id}`);
    this.name = 'UnknownWebhook';
  }
}
