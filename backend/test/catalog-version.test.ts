import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteAvailabilityRepository } from "../src/db/availability-repository";
import { CatalogVersion } from "../src/db/catalog-version";
import { openDatabase, type Db } from "../src/db/database";
import { SqlitePropertyRepository } from "../src/db/property-repository";
import { tempDir } from "./support/temp-dir";

const SEED = path.resolve(import.meta.dirname, "../../seed.sql");

describe("catalogue caches across connections", () => {
  const open: Db[] = [];
  const db = (file: string) => {
    const d = openDatabase(file, { seedFile: SEED });
    open.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of open.splice(0)) d.close();
  });

  it("trusts the version it read for the recheck window outside a transaction, and always reads it inside one", () => {
    const file = path.join(tempDir(), "catalog.db");
    const reader = db(file);
    const writer = db(file);
    let now = 0;
    const version = new CatalogVersion(reader, 250, () => now);
    const first = version.current();

    writer.prepare("UPDATE properties SET rent = rent + 1 WHERE id = 1").run();
    now = 100;
    expect(version.current()).toBe(first); // within the window: the version read at 0
    expect(reader.transaction(() => version.current())()).toBe(first + 1); // a transaction always reads
    writer.prepare("UPDATE properties SET rent = rent + 1 WHERE id = 1").run();
    now = 200;
    expect(version.current()).toBe(first + 2); // a read inside a transaction opens no window
    writer.prepare("UPDATE properties SET rent = rent + 1 WHERE id = 1").run();
    now = 449;
    expect(version.current()).toBe(first + 2);
    now = 450;
    expect(version.current()).toBe(first + 3);
    writer.prepare("UPDATE properties SET rent = rent + 1 WHERE id = 1").run();
    version.changed();
    expect(version.current()).toBe(first + 4);
  });

  it("by default a listing or tour hours changed through another connection show at once", () => {
    const file = path.join(tempDir(), "catalog.db");
    const reader = db(file);
    const writer = db(file);
    const properties = new SqlitePropertyRepository(reader);
    const rules = new SqliteAvailabilityRepository(reader);
    expect(properties.findById(1)!.active).toBe(true);
    expect(rules.rulesFor(1).length).toBeGreaterThan(0);
    writer.prepare("UPDATE properties SET active = 0 WHERE id = 1").run();
    writer.prepare("DELETE FROM availability WHERE property_id = 1").run();
    expect([properties.findById(1)!.active, rules.rulesFor(1).length]).toEqual([false, 0]);
  });

  it("with a recheck window, another connection's change shows inside a transaction at once and outside once the window has passed", async () => {
    const file = path.join(tempDir(), "catalog.db");
    const reader = db(file);
    const writer = db(file);
    const properties = new SqlitePropertyRepository(reader, { catalogRecheckMs: 250 });
    const rules = new SqliteAvailabilityRepository(reader, { catalogRecheckMs: 250 });
    expect(properties.findById(1)!.active).toBe(true);
    const hours = rules.rulesFor(1);
    expect(hours.length).toBeGreaterThan(0);

    writer.prepare("UPDATE properties SET active = 0 WHERE id = 1").run();
    writer.prepare("DELETE FROM availability WHERE property_id = 1").run();
    // Inside a transaction, as when a tour is booked, the change is seen at once.
    expect(reader.transaction(() => [properties.findById(1)!.active, rules.rulesFor(1).length])()).toEqual([false, 0]);

    writer.prepare("UPDATE properties SET active = 1 WHERE id = 1").run();
    await new Promise((r) => setTimeout(r, 300));
    expect(properties.findById(1)!.active).toBe(true);

    // This connection's own writes show at once.
    properties.update(1, { ...properties.findById(1)!, active: false });
    expect(properties.findById(1)!.active).toBe(false);
    rules.replaceRules(1, hours);
    expect(rules.rulesFor(1)).toEqual(hours);
  });
});
