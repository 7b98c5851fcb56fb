// A file field that uploads as soon as a file is chosen (uploadFile, one
// multipart request per file) and keeps the stored file ids for the form's
// mutation. Images get a preview; the API's type/size refusals show on the
// field. `accept="image/*"` lets phones offer the camera.

import { h, replace } from "./dom.js";
import { strings } from "./i18n.js";
import { uploadFile } from "./api.js";
import { field, setFieldError } from "./ui.js";
import { errorText } from "./errors-account.js";

const t = strings({
  vi: { uploading: "Đang tải lên…", remove: "Bỏ", uploaded: (n) => `Đã tải lên ${n}.`, none: "Chưa có tệp.", open: "Mở tệp" },
  en: { uploading: "Uploading…", remove: "Remove", uploaded: (n) => `Uploaded ${n}.`, none: "No file yet.", open: "Open file" },
});

/**
 * options: { label, name (the mutation input's field, for error placement), orgId, purpose,
 *   accept, multiple, hint, initial: [{ id url contentType fileName }] }.
 * Returns { node, ids(), busy() }.
 */
export function fileInput({ label, name, orgId, purpose, accept = "image/*", multiple = false, hint = null, initial = [] }) {
  let files = [...initial];
  let pending = 0;
  const input = h("input", { type: "file", name, accept, multiple: multiple || null });
  const list = h("ul", { class: "file-previews" });
  const status = h("p", { class: "meta", role: "status", "aria-live": "polite" });
  const wrapper = field(label, input, { hint });
  wrapper.append(list, status);

  const draw = () =>
    replace(
      list,
      files.map((f) =>
        h(
          "li",
          null,
          f.contentType?.startsWith("image/")
            ? h("img", { src: f.url, alt: f.fileName || "", width: 96, height: 96, loading: "lazy" })
            : h("a", { href: f.url, target: "_blank", rel: "noopener" }, f.fileName || t("open")),
          h(
            "button",
            { type: "button", class: "button secondary small", "aria-label": `${t("remove")} ${f.fileName || ""}`.trim(), onclick: () => {
              files = files.filter((x) => x !== f);
              draw();
            } },
            t("remove"),
          ),
        ),
      ),
    );

  input.addEventListener("change", async () => {
    const chosen = [...input.files];
    if (!chosen.length) return;
    setFieldError(wrapper, "");
    pending += 1;
    status.textContent = t("uploading");
    const problems = [];
    for (const file of chosen) {
      try {
        const payload = await uploadFile(orgId, purpose, file);
        if (payload.errors?.length) problems.push(`${file.name}: ${payload.errors.map(errorText).join(" ")}`);
        else files = multiple ? [...files, { ...payload.file, fileName: file.name }] : [{ ...payload.file, fileName: file.name }];
      } catch (error) {
        problems.push(`${file.name}: ${errorText({ code: error.code, message: error.message })}`);
      }
    }
    pending -= 1;
    input.value = "";
    draw();
    status.textContent = problems.length ? "" : t("uploaded", chosen.map((f) => f.name).join(", "));
    if (problems.length) setFieldError(wrapper, problems.join(" "));
  });
  draw();
  return { node: wrapper, ids: () => files.map((f) => f.id), busy: () => pending > 0 };
}
