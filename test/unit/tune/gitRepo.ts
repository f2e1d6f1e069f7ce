// Real temporary git repositories for the self-evaluation tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const TOPICS = ['basket totals', 'coupon codes', 'shipping rates', 'tax rounding', 'currency symbols', 'invoice numbers', 'stock levels', 'refund windows'];

export function gitIn(dir: string) {
  return (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** One module per topic, each with three documented functions in its own words. */
export function moduleText(topic: string, version: number): string {
  const [a, b] = topic.split(' ');
  const fn = (verb: string, what: string) =>
    `/**\n * ${verb} the ${a} ${b} for the customer account, applying the store rules for ${what}.\n */\nexport function ${verb.toLowerCase()}${a[0].toUpperCase()}${a.slice(1)}${b[0].toUpperCase()}${b.slice(1)}(input: number): number {\n  const ${a}Value = input * ${version + 1};\n  return ${a}Value + ${what.length};\n}\n`;
  return [fn('Computes', 'weekend orders'), fn('Validates', 'guest checkouts'), fn('Formats', 'printed receipts')].join('\n');
}

/** A repository with one module per topic and a fix commit per topic (and a few more). */
export async function shopRepo(fixes = 12): Promise<{ dir: string; git: (...a: string[]) => string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'acb-tune-repo-'));
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.invalid');
  git('config', 'user.name', 'Dev');
  git('config', 'commit.gpgsign', 'false');
  await fs.mkdir(path.join(dir, 'src'), { recursive: true });
  for (const [i, t] of TOPICS.entries()) await fs.writeFile(path.join(dir, 'src', `mod${i}.ts`), moduleText(t, 0));
  git('add', '-A');
  git('commit', '-q', '-m', 'Initial shop modules');
  for (let n = 0; n < fixes; n++) {
    const i = n % TOPICS.length;
    await fs.writeFile(path.join(dir, 'src', `mod${i}.ts`), moduleText(TOPICS[i], n + 1));
    git('commit', '-q', '-am', `Fix wrong ${TOPICS[i]} when the customer account has weekend orders (round ${n})`);
  }
  return { dir, git };
}
