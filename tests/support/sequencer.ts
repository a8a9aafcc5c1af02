import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The integration suite shares one seeded database and runs its files one at a time.
 * Files that check the seed's exact figures (DOMAIN §5) run first, before any other
 * file adds activities, units or positions of its own.
 */
const PRISTINE = [/seed-figures\.test\.ts$/, /metrics\.test\.ts$/];

export class PristineFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = PRISTINE.findIndex((re) => re.test(f.moduleId));
      return i === -1 ? PRISTINE.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
