/** Bad input from the user (arguments, files): the CLI reports it and exits with code 2. */
export class SimulatorInputError extends Error {
  override name = 'SimulatorInputError';
}
