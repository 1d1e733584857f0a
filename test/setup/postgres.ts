// Placeholder until the infra setup lands.
export default async function setup(): Promise<void> {}
