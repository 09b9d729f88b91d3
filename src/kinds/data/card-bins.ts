/**
 * Issuer identification numbers (BINs) of UnionPay debit and credit cards issued in mainland
 * China, with the card length each BIN is issued with. Source: the UnionPay BIN assignments as
 * listed in public card-BIN tables (the `authbank_cardbin` table circulated with payment SDKs:
 * bank, product, card length, BIN length, BIN). A small, realistic sample for synthetic cards;
 * detection does not need it (any 62 prefix is UnionPay).
 */
export interface CardBin {
  readonly bin: string;
  readonly length: number;
  readonly bank: string;
}

export const UNIONPAY_BINS: readonly CardBin[] = [
  { bin: '622202', length: 19, bank: '工商银行' },
  { bin: '622208', length: 19, bank: '工商银行' },
  { bin: '622200', length: 19, bank: '工商银行' },
  { bin: '622210', length: 16, bank: '工商银行' },
  { bin: '622848', length: 19, bank: '农业银行' },
  { bin: '622847', length: 19, bank: '农业银行' },
  { bin: '621700', length: 19, bank: '建设银行' },
  { bin: '622280', length: 19, bank: '建设银行' },
  { bin: '621661', length: 19, bank: '中国银行' },
  { bin: '621662', length: 19, bank: '中国银行' },
  { bin: '622262', length: 19, bank: '交通银行' },
  { bin: '621098', length: 19, bank: '邮政储蓄银行' },
  { bin: '622150', length: 19, bank: '邮政储蓄银行' },
  { bin: '621276', length: 16, bank: '招商银行' },
  { bin: '622622', length: 16, bank: '民生银行' },
  { bin: '622617', length: 16, bank: '民生银行' },
  { bin: '622666', length: 16, bank: '光大银行' },
  { bin: '622690', length: 16, bank: '中信银行' },
  { bin: '622630', length: 16, bank: '华夏银行' },
];
