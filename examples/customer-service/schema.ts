/**
 * The customer table: four protected columns, two of them searchable through blind indexes.
 * In an application the imports are `fieldshield` and `fieldshield/drizzle`.
 */
import { pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { FieldCipher } from '../../src/envelope/index.js';
import { drizzleProtection } from '../../src/orm/drizzle.js';

export function customerSchema(cipher: FieldCipher) {
  // Contexts are `customer.<column>`: an envelope moved to another column fails to decrypt.
  const pii = drizzleProtection({ cipher, table: 'customer' });
  const customer = pgTable('customer', {
    id: serial('id').primaryKey(),
    name: pii.column('name', { kind: 'person-name' }),
    idNo: pii.column('id_no', { kind: 'cn-id-card', blindIndex: 'id_no_bidx' }),
    idNoBidx: text('id_no_bidx'),
    mobile: pii.column('mobile', { kind: 'cn-mobile', blindIndex: { column: 'mobile_bidx', bits: 24 } }),
    mobileBidx: text('mobile_bidx'),
    cardNo: pii.column('card_no', { kind: 'bank-card' }),
    branch: text('branch').notNull(),
    createdAt: timestamp('created_at').notNull().defaultNow(),
  });
  return { pii, customer };
}

export const CUSTOMER_DDL = `
CREATE TABLE IF NOT EXISTS customer (
  id          serial PRIMARY KEY,
  name        text,
  id_no       text,
  id_no_bidx  text,
  mobile      text,
  mobile_bidx text,
  card_no     text,
  branch      text NOT NULL,
  created_at  timestamp NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS customer_id_no_bidx ON customer (id_no_bidx);
CREATE INDEX IF NOT EXISTS customer_mobile_bidx ON customer (mobile_bidx);`;
