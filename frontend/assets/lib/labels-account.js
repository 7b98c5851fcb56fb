// Vietnamese and English names of the API's enums used by the signed-in
// pages (cooperative editor, inquiries, fairs, dashboard).

import { pick } from "./i18n.js";

const L = (vi, en) => ({ vi, en });

export const CATEGORY = {
  RICE_GRAINS: L("Lúa gạo, ngũ cốc", "Rice and grains"),
  VEGETABLES: L("Rau, củ", "Vegetables"),
  FRUIT: L("Trái cây", "Fruit"),
  TEA_COFFEE: L("Chè, cà phê", "Tea and coffee"),
  HONEY: L("Mật ong", "Honey"),
  MUSHROOMS: L("Nấm", "Mushrooms"),
  MEDICINAL_HERBS: L("Dược liệu", "Medicinal herbs"),
  MEAT_POULTRY: L("Thịt, gia cầm", "Meat and poultry"),
  EGGS: L("Trứng", "Eggs"),
  SEAFOOD_FISH_SAUCE: L("Thủy sản, nước mắm", "Seafood and fish sauce"),
  PROCESSED_FOODS: L("Thực phẩm chế biến", "Processed foods"),
  NUTS_SEEDS: L("Hạt (lạc, điều, mắc ca…)", "Nuts and seeds"),
  SPICES: L("Gia vị", "Spices"),
  HANDICRAFTS: L("Thủ công mỹ nghệ", "Handicrafts"),
  OTHER: L("Khác", "Other"),
};

export const SCHEME = {
  VIET_GAP: L("VietGAP", "VietGAP"),
  GLOBAL_GAP: L("GlobalGAP", "GlobalGAP"),
  ORGANIC: L("Hữu cơ", "Organic"),
  OCOP: L("OCOP", "OCOP"),
  HACCP: L("HACCP", "HACCP"),
  ISO_22000: L("ISO 22000", "ISO 22000"),
  OTHER: L("Khác", "Other"),
};

export const PRODUCER_KIND = {
  COOPERATIVE: L("Hợp tác xã", "Cooperative"),
  COOPERATIVE_GROUP: L("Tổ hợp tác", "Cooperative group"),
  UNION_OF_COOPERATIVES: L("Liên hiệp hợp tác xã", "Union of cooperatives"),
  HOUSEHOLD: L("Hộ sản xuất giỏi", "Household"),
  ENTERPRISE: L("Doanh nghiệp nông nghiệp", "Agricultural enterprise"),
};

export const LABEL_KIND = {
  TRADEMARK: L("Nhãn hiệu", "Trademark"),
  COLLECTIVE_MARK: L("Nhãn hiệu tập thể", "Collective mark"),
  CERTIFICATION_MARK: L("Nhãn hiệu chứng nhận", "Certification mark"),
  GEOGRAPHICAL_INDICATION: L("Chỉ dẫn địa lý", "Geographical indication"),
  TRACEABILITY_STAMP: L("Tem truy xuất nguồn gốc", "Traceability stamp"),
};

export const VERIFICATION = {
  UNVERIFIED: L("Chưa xác minh", "Not verified"),
  VERIFIED: L("Đã xác minh", "Verified"),
  REJECTED: L("Bị từ chối", "Rejected"),
};

export const INQUIRY_STATUS = {
  NEW: L("Mới", "New"),
  IN_DISCUSSION: L("Đang trao đổi", "In discussion"),
  AGREED: L("Đã thỏa thuận", "Agreed"),
  DECLINED: L("Từ chối", "Declined"),
  CLOSED: L("Đã đóng", "Closed"),
};
export const INQUIRY_BADGE = { NEW: "warn", IN_DISCUSSION: "", AGREED: "", DECLINED: "danger", CLOSED: "muted" };

export const APPLICATION_STATUS = {
  PENDING: L("Chờ duyệt", "Pending"),
  CONFIRMED: L("Đã xác nhận", "Confirmed"),
  WAITLISTED: L("Danh sách chờ", "Waitlisted"),
  REJECTED: L("Bị từ chối", "Rejected"),
  WITHDRAWN: L("Đã rút", "Withdrawn"),
};
export const APPLICATION_BADGE = { PENDING: "warn", CONFIRMED: "", WAITLISTED: "warn", REJECTED: "danger", WITHDRAWN: "muted" };

export const EVENT_KIND = {
  TRADE_FAIR: L("Hội chợ xúc tiến thương mại", "Trade fair"),
  CONNECTION_CONFERENCE: L("Hội nghị kết nối cung cầu", "Supply–demand conference"),
  SAFE_PRODUCE_MARKET: L("Phiên chợ nông sản an toàn", "Safe produce market"),
};

/** The label of `value` in `table`, in the current language (the raw value when unknown). */
export function label(table, value) {
  return table[value] ? pick(table[value]) : value;
}

/** `<option>`s data: [[value, label], …] of a table. */
export function options(table) {
  return Object.keys(table).map((value) => [value, pick(table[value])]);
}
