// Labels of the API's enums in Vietnamese and English, shared by every page:
// `label("ProductCategory", "HONEY")` → "Mật ong" / "Honey". An unknown value
// comes back as is, so a new enum value never shows a blank.

import { lang } from "./i18n.js";

const L = {
  ProductCategory: {
    RICE_GRAINS: ["Gạo, ngũ cốc", "Rice and grains"],
    VEGETABLES: ["Rau củ", "Vegetables"],
    FRUIT: ["Trái cây", "Fruit"],
    TEA_COFFEE: ["Chè, cà phê", "Tea and coffee"],
    HONEY: ["Mật ong", "Honey"],
    MUSHROOMS: ["Nấm", "Mushrooms"],
    MEDICINAL_HERBS: ["Dược liệu", "Medicinal herbs"],
    MEAT_POULTRY: ["Thịt, gia cầm", "Meat and poultry"],
    EGGS: ["Trứng", "Eggs"],
    SEAFOOD_FISH_SAUCE: ["Thủy sản, nước mắm", "Seafood and fish sauce"],
    PROCESSED_FOODS: ["Thực phẩm chế biến", "Processed foods"],
    NUTS_SEEDS: ["Hạt", "Nuts and seeds"],
    SPICES: ["Gia vị", "Spices"],
    HANDICRAFTS: ["Thủ công mỹ nghệ", "Handicrafts"],
    OTHER: ["Khác", "Other"],
  },
  CertificationScheme: {
    VIET_GAP: ["VietGAP", "VietGAP"],
    GLOBAL_GAP: ["GlobalGAP", "GlobalGAP"],
    ORGANIC: ["Hữu cơ", "Organic"],
    OCOP: ["OCOP", "OCOP"],
    HACCP: ["HACCP", "HACCP"],
    ISO_22000: ["ISO 22000", "ISO 22000"],
    OTHER: ["Chứng nhận khác", "Other certificate"],
  },
  ProducerKind: {
    COOPERATIVE: ["Hợp tác xã", "Cooperative"],
    COOPERATIVE_GROUP: ["Tổ hợp tác", "Cooperative group"],
    UNION_OF_COOPERATIVES: ["Liên hiệp hợp tác xã", "Union of cooperatives"],
    HOUSEHOLD: ["Hộ sản xuất", "Household producer"],
    ENTERPRISE: ["Doanh nghiệp", "Enterprise"],
  },
  BrandLabelKind: {
    TRADEMARK: ["Nhãn hiệu", "Trademark"],
    COLLECTIVE_MARK: ["Nhãn hiệu tập thể", "Collective mark"],
    CERTIFICATION_MARK: ["Nhãn hiệu chứng nhận", "Certification mark"],
    GEOGRAPHICAL_INDICATION: ["Chỉ dẫn địa lý", "Geographical indication"],
    TRACEABILITY_STAMP: ["Tem truy xuất nguồn gốc", "Traceability stamp"],
  },
  EventKind: {
    TRADE_FAIR: ["Hội chợ", "Trade fair"],
    CONNECTION_CONFERENCE: ["Hội nghị kết nối cung cầu", "Supply–demand conference"],
    SAFE_PRODUCE_MARKET: ["Phiên chợ nông sản an toàn", "Safe produce market"],
  },
  VerificationStatus: {
    UNVERIFIED: ["Chưa xác minh", "Not verified"],
    VERIFIED: ["Đã xác minh", "Verified"],
    REJECTED: ["Bị từ chối", "Rejected"],
  },
  SearchKind: {
    PRODUCT: ["Sản phẩm", "Products"],
    PRODUCER: ["Hợp tác xã", "Cooperatives"],
    BRAND_LABEL: ["Nhãn hiệu", "Brand labels"],
    EVENT: ["Hội chợ", "Fairs"],
  },
  InquiryStatus: {
    NEW: ["Mới", "New"],
    IN_DISCUSSION: ["Đang trao đổi", "In discussion"],
    AGREED: ["Đã thỏa thuận", "Agreed"],
    DECLINED: ["Từ chối", "Declined"],
    CLOSED: ["Đã đóng", "Closed"],
  },
  ApplicationStatus: {
    PENDING: ["Chờ duyệt", "Pending"],
    CONFIRMED: ["Đã xác nhận", "Confirmed"],
    WAITLISTED: ["Danh sách chờ", "Waitlisted"],
    REJECTED: ["Bị từ chối", "Rejected"],
    WITHDRAWN: ["Đã rút", "Withdrawn"],
  },
};

/** The label of `value` of the enum `type` in the current language. */
export function label(type, value) {
  const pair = L[type]?.[value];
  if (!pair) return value ?? "";
  return lang() === "en" ? pair[1] : pair[0];
}

/** The values of an enum in declaration order, for menus. */
export function values(type) {
  return Object.keys(L[type] || {});
}

/** An enum's labels as `{ VALUE: { vi, en } }`, for modules that pick the language themselves. */
export function table(type) {
  return Object.fromEntries(Object.entries(L[type] || {}).map(([value, [vi, en]]) => [value, { vi, en }]));
}
