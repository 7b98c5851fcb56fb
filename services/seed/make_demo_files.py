#!/usr/bin/env python3
"""Draws the demo data set's pictures and evidence documents.

There are no real photos or certificate scans to ship, so every file drawn
here is an illustration that says so on its face ("ẢNH MINH HỌA", "TÀI LIỆU
MẪU"). The script writes the files under `files/` and their names into
`demo.json`, and gives the same bytes on every run (fixed colours and layout,
no timestamps), so re-running it after editing demo.json only changes what
the edit touched.

    pip install pillow && python3 services/seed/make_demo_files.py

Needs the DejaVu fonts (Debian package fonts-dejavu-core) for Vietnamese text.
"""

import time
import hashlib
import json
import textwrap
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
DEMO_JSON = HERE / "demo.json"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

CATEGORY_COLOURS = {
    "rice_grains": (214, 178, 92), "vegetables": (96, 160, 72), "fruit": (232, 142, 56),
    "tea_coffee": (92, 128, 64), "honey": (222, 164, 36), "mushrooms": (150, 120, 96),
    "medicinal_herbs": (110, 150, 110), "meat_poultry": (184, 92, 72), "eggs": (230, 200, 150),
    "seafood_fish_sauce": (64, 120, 168), "processed_foods": (168, 112, 72), "nuts_seeds": (160, 82, 60),
    "spices": (196, 72, 48), "handicrafts": (140, 110, 160), "other": (120, 120, 120),
}


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def slug(text):
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_only).split())


def colour_of(text):
    digest = hashlib.sha256(text.encode()).digest()
    return (60 + digest[0] % 140, 60 + digest[1] % 140, 60 + digest[2] % 140)


def centred(draw, box_width, y, text, fnt, fill):
    width = draw.textlength(text, font=fnt)
    draw.text(((box_width - width) / 2, y), text, font=fnt, fill=fill)


def wrapped(draw, width, y, text, fnt, fill, chars, line_height):
    for line in textwrap.wrap(text, chars):
        centred(draw, width, y, line, fnt, fill)
        y += line_height
    return y


def sample_band(img, text):
    """A band across the bottom that says the picture is an illustration."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle([0, h - 34, w, h], fill=(30, 30, 30))
    centred(draw, w, h - 28, text, font(16, bold=True), (255, 230, 120))


def logo(short_name, path):
    img = Image.new("RGB", (256, 256), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    colour = colour_of(short_name)
    draw.ellipse([16, 16, 240, 240], fill=colour)
    name = short_name.removeprefix("HTX ").removeprefix("THT ")
    initials = "".join(word[0] for word in name.split()[:3]).upper()
    centred(draw, 256, 78, initials, font(72, bold=True), (255, 255, 255))
    centred(draw, 256, 170, "LOGO MẪU", font(18, bold=True), (255, 255, 255))
    img.quantize(colors=32).save(path, optimize=True)


def photo(title, subtitle, colour, path):
    img = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(img)
    for i in range(0, 480, 24):  # soft diagonal stripes so it reads as a picture, not a form
        draw.line([(i, 0), (i - 200, 360)], fill=tuple(min(255, c + 18) for c in colour), width=8)
    y = wrapped(draw, 480, 90, title, font(30, bold=True), (255, 255, 255), 24, 40)
    wrapped(draw, 480, y + 12, subtitle, font(18), (250, 250, 250), 40, 26)
    sample_band(img, "ẢNH MINH HỌA · DỮ LIỆU MẪU")
    img.save(path, quality=70, optimize=True)


def label_image(name, kind, path):
    img = Image.new("RGB", (320, 320), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    colour = colour_of(name)
    draw.ellipse([10, 10, 310, 310], outline=colour, width=10)
    draw.ellipse([34, 34, 286, 286], outline=colour, width=3)
    y = wrapped(draw, 320, 104, name.upper(), font(18, bold=True), colour, 15, 24)
    centred(draw, 320, y + 8, kind, font(14), (80, 80, 80))
    centred(draw, 320, 250, "NHÃN MẪU", font(16, bold=True), (200, 40, 40))
    img.quantize(colors=32).save(path, optimize=True)


def evidence(coop, cert, path):
    img = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle([12, 12, 408, 582], outline=0, width=3)
    centred(draw, 420, 40, "TÀI LIỆU MẪU", font(26, bold=True), 0)
    centred(draw, 420, 76, "không phải giấy chứng nhận thật", font(15), 60)
    scheme = cert["scheme"].upper()
    if cert.get("ocop_stars"):
        scheme += f" {cert['ocop_stars']} sao"
    if cert.get("organic_standard"):
        scheme += f" ({cert['organic_standard']})"
    lines = [
        ("Chứng nhận", scheme), ("Số", cert["number"]), ("Đơn vị cấp", cert["issuer"]),
        ("Cấp cho", coop["name"]), ("Ngày cấp", cert["issued_on"]),
        ("Hết hạn", cert.get("expires_on") or "không thời hạn"),
        ("Sản phẩm", ", ".join(cert.get("product_names") or ["toàn bộ sản phẩm"])),
    ]
    y = 130
    for key, value in lines:
        draw.text((36, y), key + ":", font=font(14, bold=True), fill=0)
        for line in textwrap.wrap(value, 34):
            draw.text((150, y), line, font=font(14), fill=0)
            y += 22
        y += 10
    draw.text((36, 530), "Coopbridge · dữ liệu minh họa", font=font(12), fill=90)
    fixed = time.gmtime(1767225600)  # no timestamps: same bytes every run
    img.save(path, "PDF", resolution=72, creationDate=fixed, modDate=fixed)


def main():
    raw = DEMO_JSON.read_text(encoding="utf-8")
    data = json.loads(raw)
    for sub in ("logos", "photos", "products", "labels", "evidence"):
        (FILES / sub).mkdir(parents=True, exist_ok=True)
    for coop in data["cooperatives"]:
        key = slug(coop["short_name"])
        coop["logo"] = f"logos/{key}.png"
        logo(coop["short_name"], FILES / coop["logo"])
        coop["photos"] = [f"photos/{key}.jpg"]
        sector = (coop.get("main_sectors") or ["other"])[0]
        photo(coop["short_name"], "Hình minh họa hồ sơ hợp tác xã", colour_of(coop["name"]),
              FILES / coop["photos"][0])
        for product in coop["products"]:
            product["image"] = f"products/{slug(product['name'])}.jpg"
            photo(product["name"], coop["short_name"], CATEGORY_COLOURS.get(product["category"], CATEGORY_COLOURS[sector]),
                  FILES / product["image"])
        for cert in coop["certificates"]:
            cert["evidence"] = f"evidence/{slug(cert['number'])}.pdf"
            evidence(coop, cert, FILES / cert["evidence"])
        for label in coop["brand_labels"]:
            label["image"] = f"labels/{slug(label['name'])}.png"
            label_image(label["name"], label["kind"].replace("_", " "), FILES / label["image"])
    DEMO_JSON.write_text(json.dumps(data, ensure_ascii=False, indent=2) + ("\n" if raw.endswith("\n") else ""),
                         encoding="utf-8")


if __name__ == "__main__":
    main()
