/** `--name value` pairs from the command line. */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1]);

/** A numeric option, or its default when it is not given. */
export function numberArg(name: string, fallback: number): number {
  const v = args.get(name);
  return v === undefined ? fallback : Number(v);
}

/** A comma-separated list of numbers ("4,8"), or its default when it is not given. */
export function numberListArg(name: string, fallback: number[]): number[] {
  const v = args.get(name);
  return v === undefined ? fallback : v.split(",").filter(Boolean).map(Number);
}
