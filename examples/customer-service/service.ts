/**
 * A minimal customer service over Drizzle: it stores personal financial information
 * encrypted, finds customers by ID number or mobile, shows them masked, and rotates keys.
 */
import { eq } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { FieldCipher } from '../../src/envelope/index.js';
import type { Keyring } from '../../src/keys/index.js';
import { maskForScene } from '../../src/mask/index.js';
import { countByKeyId, rewrapColumn, type KeyIdCounts } from '../../src/orm/migrate.js';
import { pgColumnStoreFor, pgStateStore, type SqlQueryable } from '../../src/orm/pg.js';
import { customerSchema } from './schema.js';

export interface NewCustomer {
  readonly name: string;
  readonly idNo: string;
  readonly mobile: string;
  readonly cardNo: string;
  readonly branch: string;
}

/** What the counter screen shows: display masks, never the full values. */
export interface CustomerView {
  readonly id: number;
  readonly name: string | null;
  readonly idNo: string | null;
  readonly mobile: string | null;
  readonly cardNo: string | null;
  readonly branch: string;
}

export class CustomerService {
  private readonly s: ReturnType<typeof customerSchema>;

  constructor(
    private readonly db: PgliteDatabase,
    private readonly sql: SqlQueryable,
    private readonly keyring: Keyring,
    cipher: FieldCipher,
  ) {
    this.s = customerSchema(cipher);
  }

  async register(c: NewCustomer): Promise<number> {
    const { pii, customer } = this.s;
    const [row] = await this.db.insert(customer).values(pii.withBlindIndexes(customer, { ...c })).returning({ id: customer.id });
    return row.id;
  }

  async changeMobile(id: number, mobile: string): Promise<void> {
    const { pii, customer } = this.s;
    await this.db.update(customer).set(pii.withBlindIndexes(customer, { mobile })).where(eq(customer.id, id));
  }

  async findByIdNo(idNo: string): Promise<CustomerView[]> {
    const { pii, customer } = this.s;
    return (await pii.findProtectedEquals(this.db, customer, 'idNo', idNo)).map(toView);
  }

  async findByMobile(mobile: string): Promise<CustomerView[]> {
    const { pii, customer } = this.s;
    return (await pii.findProtectedEquals(this.db, customer, 'mobile', mobile)).map(toView);
  }

  /** New primary key, then every envelope and blind index moved to it; returns rows per key ID. */
  async rotateKeys(): Promise<{ before: KeyIdCounts; after: KeyIdCounts; retired: string[] }> {
    const { pii } = this.s;
    const columns = ['name', 'id_no', 'mobile', 'card_no'].map((c) => pii.spec(c));
    const before = await countByKeyId(pgColumnStoreFor(this.sql, columns[1]));
    const old = this.keyring.primaryKeyId;
    await this.keyring.rotate();
    for (const column of columns) await rewrapColumn({ column, store: pgColumnStoreFor(this.sql, column), state: pgStateStore(this.sql) });
    const after = await countByKeyId(pgColumnStoreFor(this.sql, columns[1]));
    let inUse = false;
    for (const column of columns) inUse ||= ((await countByKeyId(pgColumnStoreFor(this.sql, column))).keys[old] ?? 0) > 0;
    this.keyring.retire(old, { inUse });
    return { before, after, retired: [old] };
  }
}

function toView(r: { id: number; name: string | null; idNo: string | null; mobile: string | null; cardNo: string | null; branch: string }): CustomerView {
  return {
    id: r.id,
    name: maskForScene(r.name, 'person-name', 'display') ?? null,
    idNo: maskForScene(r.idNo, 'cn-id-card', 'display') ?? null,
    mobile: maskForScene(r.mobile, 'cn-mobile', 'display') ?? null,
    cardNo: maskForScene(r.cardNo, 'bank-card', 'display') ?? null,
    branch: r.branch,
  };
}
