#include "kaiyuan/license/notices.hpp"

#include "kaiyuan/license/license_list.hpp"

#include <array>

namespace kaiyuan::license {

namespace {

/// A notice cut from a license text: from the first `from` to the end of the first `to` after it.
struct Cut {
    std::string_view id, source, from, to;
    bool full_text = false;
};

constexpr std::array k_cuts{
    Cut{"GPL-2.0-or-later", "GPL-2.0-only", "This program is free software; you can",
        "any later version."},
    Cut{"GPL-2.0-or-later", "GPL-2.0-only", "This program is free software; you can",
        "02110-1301, USA."},
    Cut{"GPL-3.0-or-later", "GPL-3.0-only", "This program is free software: you can",
        "any later version."},
    Cut{"GPL-3.0-or-later", "GPL-3.0-only", "This program is free software: you can",
        "<https://www.gnu.org/licenses/>."},
    Cut{"LGPL-2.1-or-later", "LGPL-2.1-only", "This library is free software; you can",
        "any later version."},
    Cut{"LGPL-2.1-or-later", "LGPL-2.1-only", "This library is free software; you can", "USA"},
    Cut{"LGPL-2.0-or-later", "LGPL-2.0-only", "This library is free software; you can",
        "any later version."},
    Cut{"AGPL-3.0-or-later", "AGPL-3.0-only", "This program is free software: you can",
        "any later version."},
    Cut{"AGPL-3.0-or-later", "AGPL-3.0-only", "This program is free software: you can",
        "<http://www.gnu.org/licenses/>."},
    Cut{"Apache-2.0", "Apache-2.0", "Licensed under the Apache License",
        "limitations under the License."},
    Cut{"MPL-2.0", "MPL-2.0", "This Source Code Form is subject to the terms of the Mozilla",
        "https://mozilla.org/MPL/2.0/."},
    Cut{"MulanPSL-2.0", "MulanPSL-2.0", "is licensed under Mulan PSL v2.",
        "See the Mulan PSL v2 for more details."},
    Cut{"MulanPSL-1.0", "MulanPSL-1.0", "is licensed under the Mulan PSL v1.",
        "See the Mulan PSL v1 for more details."},
    // COPYING.LESSER holds LGPL-3.0's terms alone; the SPDX text appends the GPL-3.0.
    Cut{"LGPL-3.0-only", "LGPL-3.0-only", "GNU LESSER GENERAL PUBLIC LICENSE",
        "permanent authorization for you to choose that version for the Library.", true},
};

/// Wordings in common use that no license appendix gives.
const std::array<NoticeText, 8>& written_notices() {
    static const std::array<NoticeText, 8> notices{{
        {"GPL-2.0-only", "This program is free software; you can redistribute it and/or modify it "
                         "under the terms of the GNU General Public License version 2 as "
                         "published by the Free Software Foundation."},
        {"GPL-2.0-only", "This program is free software; you can redistribute it and/or modify it "
                         "under the terms of the GNU General Public License as published by the "
                         "Free Software Foundation; version 2 of the License."},
        {"GPL-3.0-only", "This program is free software: you can redistribute it and/or modify it "
                         "under the terms of the GNU General Public License version 3 as "
                         "published by the Free Software Foundation."},
        {"LGPL-2.1-only", "This library is free software; you can redistribute it and/or modify "
                          "it under the terms of the GNU Lesser General Public License version "
                          "2.1 as published by the Free Software Foundation."},
        {"LGPL-3.0-or-later",
         "This program is free software: you can redistribute it and/or modify it under the "
         "terms of the GNU Lesser General Public License as published by the Free Software "
         "Foundation, either version 3 of the License, or (at your option) any later version."},
        {"LGPL-3.0-only", "This library is free software; you can redistribute it and/or modify "
                          "it under the terms of the GNU Lesser General Public License version 3 "
                          "as published by the Free Software Foundation."},
        {"EPL-2.0", "This program and the accompanying materials are made available under the "
                    "terms of the Eclipse Public License 2.0 which is available at "
                    "http://www.eclipse.org/legal/epl-2.0."},
        {"EPL-1.0", "All rights reserved. This program and the accompanying materials are made "
                    "available under the terms of the Eclipse Public License v1.0 which "
                    "accompanies this distribution, and is available at "
                    "http://www.eclipse.org/legal/epl-v10.html"},
    }};
    return notices;
}

} // namespace

const std::vector<NoticeText>& standard_notices() {
    static const std::vector<NoticeText> notices = [] {
        std::vector<NoticeText> out;
        for (const Cut& c : k_cuts) {
            const LicenseInfo* l = find_license(c.source);
            if (!l) continue;
            auto from = l->text.find(c.from);
            if (from == std::string_view::npos) continue;
            auto to = l->text.find(c.to, from);
            if (to == std::string_view::npos) continue;
            out.push_back({std::string(c.id),
                           std::string(l->text.substr(from, to + c.to.size() - from)),
                           c.full_text});
        }
        for (const NoticeText& n : written_notices())
            out.push_back(n);
        return out;
    }();
    return notices;
}

} // namespace kaiyuan::license
