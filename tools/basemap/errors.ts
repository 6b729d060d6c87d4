/** A problem with the builder's input or options: the CLI prints it and exits with code 2. */
export class InputError extends Error {
  override name = 'InputError';
}
