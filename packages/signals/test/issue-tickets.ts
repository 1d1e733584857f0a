/** The tickets issue 27 tried as a new user would; each signal's test reads the ones it concerns. */
export const REFUND_OR_CANCEL =
  'This is the THIRD time I am writing!!! I was charged twice for my subscription this month and nobody answers. ' +
  'I want a refund now or I cancel and tell everyone.';

export const SECURITY_BREACH = 'Possible security breach: logins to our admin account from another country, API keys rotated without us';

export const SDK_REGRESSION =
  'API 500 errors after upgrading SDK to v3.2.1\n' +
  'Since this morning every POST to https://api.example.com/v1/orders returns HTTP 500 with error code E_SCHEMA_4411. ' +
  'Order id ORD-88213 is stuck. The same call works in 3.1.0, so we rolled back on staging.';

export const SPANISH_LOGIN = 'No puedo iniciar sesión en mi cuenta desde ayer, me dice que la contraseña es incorrecta.';
