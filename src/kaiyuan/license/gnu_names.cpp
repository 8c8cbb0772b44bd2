#include "kaiyuan/license/gnu_names.hpp"

#include "kaiyuan/license/prose_words.hpp"

#include <array>
#include <utility>

namespace kaiyuan::license {

namespace {

struct Family {
    std::string_view prefix; ///< SPDX id prefix
    std::string_view long_name, short_name;
};

constexpr std::array k_families{
    Family{"LGPL", "lesser general public license", "lgpl"},
    Family{"LGPL", "library general public license", "lgpl"},
    Family{"AGPL", "affero general public license", "agpl"},
    Family{"GPL", "general public license", "gpl"},
    // Manuals: "Permission is granted to copy, distribute and/or modify this document under the
    // terms of the GNU Free Documentation License, Version 1.3 or any later version".
    Family{"GFDL", "free documentation license", "gfdl"},
};

/// "2" -> "2.0", "2.1" -> "2.1"; "" when not a version of `prefix`'s license.
std::string_view spdx_version(std::string_view prefix, std::string_view v) {
    if (v.ends_with(".0")) v.remove_suffix(2);
    if (prefix == "GFDL") {
        for (std::string_view gfdl : {"1.1", "1.2", "1.3"})
            if (v == gfdl) return gfdl;
        return {};
    }
    static constexpr std::pair<std::string_view, std::string_view> k_versions[] = {
        {"1", "1.0"}, {"2", "2.0"}, {"2.1", "2.1"}, {"3", "3.0"}};
    for (auto [given, spdx] : k_versions)
        if (v == given) {
            if (prefix == "GPL" && spdx == "2.1") return {};
            if (prefix == "LGPL" && spdx == "1.0") return {};
            if (prefix == "AGPL" && spdx != "3.0") return {};
            return spdx;
        }
    return {};
}

} // namespace

std::string gnu_license_name(std::string_view text, std::size_t& consumed) {
    ProseWords w(text);
    w.take("the");
    const bool gnu = w.take("gnu");
    const Family* family = nullptr;
    std::string_view version;
    bool plus = false;
    // "the Gnu Public License, version 2" (git's older scripts): GNU's GPL by a wrong name,
    // only with "GNU" in front (any other "Public License" is another license).
    if (ProseWords probe = w; gnu && probe.take_all("public license")) {
        w = probe;
        family = &k_families[3];
    }
    for (const Family& f : k_families) {
        if (family) break;
        if (w.take_all(f.long_name)) {
            w.take(f.short_name); // 'General Public License ("GPL")'
            family = &f;
            break;
        }
        // "gpl", "gplv2", "gpl2", "gpl-2.0" (the '-' separates), "gplv2+".
        std::string_view word = w.peek();
        if (!word.starts_with(f.short_name)) continue;
        std::string_view rest = word.substr(f.short_name.size());
        if (rest.starts_with('v')) rest.remove_prefix(1);
        if (rest.ends_with('+')) {
            plus = true;
            rest.remove_suffix(1);
        }
        if (!rest.empty() && spdx_version(f.prefix, rest).empty()) continue;
        version = rest;
        family = &f;
        w.next();
        break;
    }
    if (!family) return {};
    if (version.empty()) {
        w.take_all("as published by the free software foundation");
        w.take("either");
        if (!w.take("version") && !w.take("ver")) w.take("v");
        std::string_view word = w.peek();
        if (word.starts_with('v')) word.remove_prefix(1);
        if (word.ends_with('+')) {
            plus = true;
            word.remove_suffix(1);
        }
        if (spdx_version(family->prefix, word).empty()) return {};
        version = word;
        w.next();
    }
    std::string_view spdx = spdx_version(family->prefix, version);
    if (spdx.empty()) return {};
    w.take_all("of the license");
    if (!plus)
        plus = w.take_all("or later") || w.take_all("or any later version") ||
               w.take_all("or at your option any later version") || w.take_all("or newer") ||
               w.take_all("or higher");
    // Qt's headers: "version 3 or (at your option) any later version approved by the KDE Free
    // Qt Foundation" grants later versions only once a third party approves them, which is no
    // grant of them; Qt's own SPDX tags say GPL-3.0-only.
    if (plus) {
        ProseWords probe = w;
        if (probe.take_all("approved by")) plus = false;
    }
    consumed = w.position();
    return std::string(family->prefix) + "-" + std::string(spdx) + (plus ? "-or-later" : "-only");
}

std::string gnu_license_without_version(std::string_view text, std::size_t& consumed) {
    ProseWords w(text);
    w.take("the");
    bool gnu = w.take("gnu");
    std::string_view id;
    if (w.take_all("lesser general public license"))
        id = "LGPL-2.1-or-later";
    else if (w.take_all("library general public license") || w.take("lgpl"))
        id = "LGPL-2.0-or-later";
    else if (w.take_all("affero general public license") || w.take("agpl"))
        id = "AGPL-3.0-or-later";
    else if (w.take_all("general public license") || w.take("gpl") ||
             (gnu && w.take_all("public license")))
        id = "GPL-1.0-or-later";
    // "General Public License" alone is the GNU one only when GNU names it.
    if (id.empty() || (!gnu && text.find("public license") < w.position() &&
                       text.substr(0, w.position()).find("gpl") == std::string_view::npos))
        return {};
    w.take("gpl");
    w.take("lgpl");
    consumed = w.position();
    w.take_all("as published by the free software foundation");
    std::string_view next = w.peek();
    bool versioned =
        !next.empty() && ((next[0] >= '0' && next[0] <= '9') || next == "version" ||
                          next == "ver" || next == "v" || next == "either" ||
                          (next[0] == 'v' && next.size() > 1 && next[1] >= '0' && next[1] <= '9'));
    if (versioned) return {};
    return std::string(id);
}

} // namespace kaiyuan::license
