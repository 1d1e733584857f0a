import { hello } from '@triage/runtime';
console.log(hello(1), process.version);
