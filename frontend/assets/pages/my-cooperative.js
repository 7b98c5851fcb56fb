// A cooperative member's own page: pick the cooperative (when several), its
// products with edit/archive, certificates (add one with its evidence), brand
// labels, fair applications, and the profile editor.

import { h, replace } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { signInRequired } from "../lib/errors-account.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { organizationsOf } from "../lib/session.js";
import { badge, emptyState, errorState, loading } from "../lib/ui.js";
import { priceRange, date } from "../lib/format.js";
import { APPLICATION_BADGE, APPLICATION_STATUS, CATEGORY, LABEL_KIND, SCHEME, VERIFICATION, label } from "../lib/labels-account.js";
import { takeFlash } from "../lib/flash.js";
import { producerForm } from "../lib/producer-form.js";
import { certificateForm } from "../lib/certificate-form.js";

const t = strings({
  vi: {
    title: "Hợp tác xã của tôi",
    pick: "Chọn hợp tác xã",
    show: "Xem",
    none: "Tài khoản của bạn chưa thuộc hợp tác xã nào. Hãy liên hệ cán bộ tổ chức để được thêm vào.",
    publicPage: "Xem trang công khai",
    inbox: "Hộp thư hỏi hàng",
    products: "Sản phẩm",
    addProduct: "Thêm sản phẩm",
    noProducts: "Chưa có sản phẩm nào. Thêm sản phẩm đầu tiên để người mua tìm thấy bạn.",
    edit: "Sửa",
    archive: "Lưu trữ",
    confirmArchive: (n) => `Ẩn sản phẩm “${n}” khỏi mọi danh sách? Dữ liệu vẫn được giữ lại.`,
    archived: (n) => `Đã lưu trữ “${n}”.`,
    available: "Đang nhận đặt hàng",
    unavailable: "Tạm ngừng",
    noPhoto: "Chưa có ảnh",
    certificates: "Chứng nhận",
    noCertificates: "Chưa có chứng nhận nào.",
    addCertificate: "Thêm chứng nhận",
    scheme: "Loại",
    number: "Số",
    validity: "Hiệu lực",
    status: "Trạng thái",
    until: (d) => (d ? `đến ${d}` : "không thời hạn"),
    current: "Còn hiệu lực",
    expired: "Hết hiệu lực",
    evidence: "Giấy chứng nhận",
    labels: "Nhãn hiệu, chỉ dẫn địa lý, tem truy xuất",
    noLabels: "Chưa có nhãn nào.",
    applications: "Đăng ký hội chợ",
    noApplications: "Chưa đăng ký hội chợ nào.",
    browseFairs: "Xem các hội chợ sắp tới",
    position: (n) => `vị trí chờ số ${n}`,
    profile: "Sửa hồ sơ hợp tác xã",
  },
  en: {
    title: "My cooperative",
    pick: "Choose a cooperative",
    show: "Show",
    none: "Your account does not belong to a cooperative yet. Ask an organizer to add you.",
    publicPage: "See the public page",
    inbox: "Inquiry inbox",
    products: "Products",
    addProduct: "Add a product",
    noProducts: "No products yet. Add the first one so buyers can find you.",
    edit: "Edit",
    archive: "Archive",
    confirmArchive: (n) => `Hide “${n}” from every list? Its data is kept.`,
    archived: (n) => `“${n}” archived.`,
    available: "Taking orders",
    unavailable: "Paused",
    noPhoto: "No photo",
    certificates: "Certificates",
    noCertificates: "No certificates yet.",
    addCertificate: "Add a certificate",
    scheme: "Scheme",
    number: "Number",
    validity: "Validity",
    status: "Status",
    until: (d) => (d ? `until ${d}` : "no expiry"),
    current: "Current",
    expired: "Not current",
    evidence: "Certificate",
    labels: "Brand labels, geographical indications, trace stamps",
    noLabels: "No labels yet.",
    applications: "Fair applications",
    noApplications: "No fair applications yet.",
    browseFairs: "See upcoming fairs",
    position: (n) => `waitlist position ${n}`,
    profile: "Edit the cooperative's profile",
  },
});

const PRODUCER = `query($id: ID!) { producer(id: $id) {
  id slug name kind registrationNumber taxCode foundedYear memberCount description mainSectors street
  latitude longitude website verificationStatus
  province { code name } commune { code name } contacts { contactPerson phone email consentRecordedAt }
  logo { id url contentType fileName } photos { id url contentType fileName }
  certificates { id scheme ocopStars organicStandard certificateNumber issuer issuedOn expiresOn current verificationStatus verificationNote evidence { url fileName } }
  brandLabels { id name kind registrationNumber validUntil valid }
  products(first: 100) { nodes { id name category unit priceMinVnd priceMaxVnd available images { url } } }
}
cooperativeApplications(producerId: $id) { id status waitlistPosition booths event { id title startsAt } } }`;

export default async function myCooperative(ctx) {
  ctx.title = t("title");
  if (!ctx.account) return signInRequired(ctx, t("title"));
  const coops = organizationsOf(ctx.account, "COOPERATIVE");
  if (!coops.length) return h("section", null, h("h1", null, t("title")), emptyState(t("none")));
  const chosen = coops.find((c) => c.id === ctx.query.get("org")) || coops[0];
  const data = await gql(PRODUCER, { id: chosen.id });
  const p = data.producer;
  if (!p) throw Object.assign(new Error("no producer"), { code: "NOT_FOUND" });
  ctx.title = p.name;
  const reload = () => ctx.navigate(`/me/cooperative?org=${encodeURIComponent(p.id)}`, { replace: true });

  const picker =
    coops.length > 1
      ? h(
          "form",
          { class: "inline-form", method: "get", action: "/me/cooperative" },
          h("label", { for: "coop-pick" }, t("pick")),
          h("select", { id: "coop-pick", name: "org" }, coops.map((c) => h("option", { value: c.id, selected: c.id === p.id }, c.name))),
          h("button", { type: "submit", class: "button secondary" }, t("show")),
        )
      : null;
  picker?.addEventListener("submit", (e) => {
    e.preventDefault();
    ctx.navigate(`/me/cooperative?org=${encodeURIComponent(picker.elements.org.value)}`);
  });

  const live = h("div", { "aria-live": "polite" }, takeFlash());
  const products = p.products.nodes;
  const productList = products.length
    ? h(
        "ul",
        { class: "cards" },
        products.map((pr) =>
          h(
            "li",
            { class: "card" },
            pr.images[0] ? h("img", { src: pr.images[0].url, alt: "", width: 88, height: 88, loading: "lazy" }) : h("span", { class: "thumb", role: "img", "aria-label": t("noPhoto") }),
            h(
              "div",
              { class: "body" },
              h("h3", null, h("a", { href: `/products/${pr.id}` }, pr.name)),
              h("p", { class: "meta" }, label(CATEGORY, pr.category), pr.unit ? ` · ${pr.unit}` : ""),
              h("p", { class: "meta" }, priceRange(pr.priceMinVnd, pr.priceMaxVnd, pr.unit)),
              badge(pr.available ? t("available") : t("unavailable"), pr.available ? "" : "muted"),
              h(
                "div",
                { class: "actions compact" },
                h("a", { class: "button secondary small", href: `/me/products/${pr.id}`, "aria-label": `${t("edit")}: ${pr.name}` }, t("edit")),
                h(
                  "button",
                  {
                    type: "button",
                    class: "button secondary small",
                    "aria-label": `${t("archive")}: ${pr.name}`,
                    onclick: async (e) => {
                      if (!confirm(t("confirmArchive", pr.name))) return;
                      e.target.disabled = true;
                      const r = await gql(`mutation($id: ID!) { archiveProduct(id: $id) { ${USER_ERRORS} } }`, { id: pr.id }).catch((err) => ({ error: err }));
                      if (r.error || r.archiveProduct.errors.length) {
                        e.target.disabled = false;
                        replace(live, errorState(r.error || r.archiveProduct.errors[0]));
                        return;
                      }
                      e.target.closest("li").remove();
                      replace(live, h("p", { class: "notice", role: "status" }, t("archived", pr.name)));
                    },
                  },
                  t("archive"),
                ),
              ),
            ),
          ),
        ),
      )
    : emptyState(t("noProducts"));

  const certs = p.certificates.length
    ? h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          null,
          h("thead", null, h("tr", null, [t("scheme"), t("number"), t("validity"), t("status")].map((c) => h("th", { scope: "col" }, c)))),
          h(
            "tbody",
            null,
            p.certificates.map((c) =>
              h(
                "tr",
                null,
                h("td", null, label(SCHEME, c.scheme), c.ocopStars ? ` ${"★".repeat(c.ocopStars)}` : "", c.organicStandard ? ` (${c.organicStandard})` : ""),
                h("td", null, c.certificateNumber, h("br"), h("span", { class: "meta" }, c.issuer), c.evidence ? [h("br"), h("a", { href: c.evidence.url, target: "_blank", rel: "noopener" }, t("evidence"))] : null),
                h("td", null, `${date(c.issuedOn)} ${t("until", date(c.expiresOn))}`),
                h("td", null, badge(c.current ? t("current") : t("expired"), c.current ? "" : "muted"), badge(label(VERIFICATION, c.verificationStatus), c.verificationStatus === "REJECTED" ? "danger" : "muted"), c.verificationNote ? h("p", { class: "meta" }, c.verificationNote) : null),
              ),
            ),
          ),
        ),
      )
    : emptyState(t("noCertificates"));

  const labels = p.brandLabels.length
    ? h("ul", { class: "plain-list" }, p.brandLabels.map((l) => h("li", null, h("a", { href: `/labels/${l.id}` }, l.name), " · ", label(LABEL_KIND, l.kind), l.validUntil ? ` · ${t("until", date(l.validUntil))}` : "")))
    : emptyState(t("noLabels"));

  const apps = data.cooperativeApplications;
  const applications = apps.length
    ? h(
        "ul",
        { class: "plain-list" },
        apps.map((a) =>
          h("li", null, h("a", { href: `/fairs/${a.event.id}` }, a.event.title), " · ", date(a.event.startsAt), " ", badge(label(APPLICATION_STATUS, a.status), APPLICATION_BADGE[a.status]), a.waitlistPosition ? ` (${t("position", a.waitlistPosition)})` : ""),
        ),
      )
    : emptyState(t("noApplications"), h("a", { class: "button secondary", href: "/fairs" }, t("browseFairs")));

  return h(
    "section",
    { class: "my-cooperative" },
    h("h1", null, p.name),
    h("p", { class: "meta" }, [p.commune?.name, p.province?.name].filter(Boolean).join(", "), " ", badge(label(VERIFICATION, p.verificationStatus), p.verificationStatus === "VERIFIED" ? "" : "muted")),
    picker,
    h("p", { class: "actions" }, h("a", { class: "button secondary", href: `/producers/${p.slug}` }, t("publicPage")), h("a", { class: "button secondary", href: `/me/inquiries?org=${encodeURIComponent(p.id)}` }, t("inbox"))),
    live,
    h("div", { class: "section-head" }, h("h2", null, t("products"), ` (${products.length})`), h("a", { class: "button", href: `/me/products/new?producer=${encodeURIComponent(p.id)}` }, t("addProduct"))),
    productList,
    h("h2", null, t("certificates")),
    certs,
    h("details", { class: "panel" }, h("summary", null, t("addCertificate")), certificateForm(p.id, products, reload)),
    h("h2", null, t("labels")),
    labels,
    h("h2", null, t("applications")),
    applications,
    profileEditor(p, reload),
  );
}

/** The profile form, built on first opening (it loads provinces and communes). */
function profileEditor(p, reload) {
  const details = h("details", { class: "panel profile-details" }, h("summary", null, t("profile")));
  let built = false;
  details.addEventListener("toggle", async () => {
    if (!details.open || built) return;
    built = true;
    const slot = h("div", null, loading());
    details.append(slot);
    try {
      replace(slot, await producerForm(p, reload));
    } catch (error) {
      built = false;
      replace(slot, errorState(error));
    }
  });
  return details;
}
