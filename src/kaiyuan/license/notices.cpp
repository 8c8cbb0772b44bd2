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
const std::array<NoticeText, 21>& written_notices() {
    static const std::array<NoticeText, 21> notices{{
        // OpenSolaris, illumos and ZFS: the header every CDDL file carries; the license it
        // points to (usr/src/OPENSOLARIS.LICENSE) is CDDL 1.0.
        {"CDDL-1.0", "CDDL HEADER START The contents of this file are subject to the terms of the "
                     "Common Development and Distribution License (the \"License\"). You may not "
                     "use this file except in compliance with the License."},
        // MPL-2.0's Exhibit A, as nearly every Mozilla source carries it.
        {"MPL-2.0", "This Source Code Form is subject to the terms of the Mozilla Public License, "
                    "v. 2.0. If a copy of the MPL was not distributed with this file, You can "
                    "obtain one at http://mozilla.org/MPL/2.0/."},
        // Exhibit B beside Exhibit A: the MPL without its compatibility with the GPL family.
        {"MPL-2.0-no-copyleft-exception",
         "This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If "
         "a "
         "copy of the MPL was not distributed with this file, You can obtain one at "
         "http://mozilla.org/MPL/2.0/. This Source Code Form is \"Incompatible With Secondary "
         "Licenses\", as defined by the Mozilla Public License, v. 2.0."},
        // The notice wtfpl.net suggests.
        {"WTFPL", "You can redistribute it and/or modify it under the terms of the Do What The "
                  "Fuck You Want To Public License, Version 2, as published by Sam Hocevar."},
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
        // LGPL 2.0 was the "Library" GPL; notices naming the "Lesser" GPL at version 2 "or any
        // later version" are common (GLib's): version 2 of it, or later, as written.
        {"LGPL-2.0-or-later",
         "This library is free software; you can redistribute it and/or modify it under the "
         "terms of the GNU Lesser General Public License as published by the Free Software "
         "Foundation; either version 2 of the License, or (at your option) any later version."},
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
        {"Libtool-exception",
         "As a special exception to the GNU General Public License, if you distribute this file "
         "as part of a program or library that is built using GNU Libtool, you may include this "
         "file under the same distribution terms that you use for the rest of that program.",
         false, true},
        {"Autoconf-exception-generic",
         "As a special exception to the GNU General Public License, if you distribute this file "
         "as part of a program that contains a configuration script generated by Autoconf, you "
         "may include it under the same distribution terms that you use for the rest of that "
         "program.",
         false, true},
        {"Autoconf-exception-generic-3.0",
         "As a special exception to the GNU General Public License, if you distribute this file "
         "as part of a program that contains a configuration script generated by Autoconf, you "
         "may include it under the same distribution terms that you use for the rest of that "
         "program. This Exception is an additional permission under section 7 of the GNU "
         "General Public License, version 3 (\"GPLv3\").",
         false, true},
        // libgcc's and libstdc++'s headers: the exception named, its text in COPYING.RUNTIME.
        {"GCC-exception-3.1",
         "Under Section 7 of GPL version 3, you are granted additional permissions described in "
         "the GCC Runtime Library Exception, version 3.1, as published by the Free Software "
         "Foundation.",
         false, true},
        // OpenJDK's sources: the Classpath exception's text is in the LICENSE file.
        {"Classpath-exception-2.0",
         "Oracle designates this particular file as subject to the \"Classpath\" exception as "
         "provided by Oracle in the LICENSE file that accompanied this code.",
         false, true},
        // FreeRTOS before its MIT relicensing (V8, V9): the GPL "AND MODIFIED BY" its exception.
        {"FreeRTOS-exception-2.0", ">>!AND MODIFIED BY!<< the FreeRTOS exception.", false, true},
        {"Linux-syscall-note",
         "NOTE! This copyright does *not* cover user programs that use kernel services by normal "
         "system calls - this is merely considered normal use of the kernel, and does *not* fall "
         "under the heading of \"derived work\".",
         false, true},
        {"LLVM-exception",
         "LLVM Exceptions to the Apache 2.0 License. As an exception, if, as a result of your "
         "compiling your source code, portions of this Software are embedded into an Object form "
         "of such source code, you may redistribute such embedded portions in such Object form "
         "without complying with the conditions of Sections 4(a), 4(b) and 4(d) of the License. "
         "In addition, if you combine or link compiled forms of this Software with software that "
         "is licensed under the GPLv2 (\"Combined Software\") and if a court of competent "
         "jurisdiction determines that the patent provision (Section 3), the indemnity provision "
         "(Section 9) or other Section of the License conflicts with the conditions of the GPLv2, "
         "you may retroactively and prospectively choose to deem waived or otherwise exclude such "
         "Section(s) of the License, but only in their entirety and only with respect to the "
         "Combined Software.",
         false, true},
    }};
    return notices;
}

/// QEMU's and KVM's short forms, in thousands of files: "This work is licensed under the terms
/// of the GNU GPL, version 2 or later. See the COPYING file in the top-level directory.", "This
/// code is licensed under the GNU GPL v2 or later."
std::vector<NoticeText> short_gnu_notices() {
    struct Form {
        std::string_view license, version, id;
    };
    static constexpr Form k_forms[] = {
        {"GPL", "2", "GPL-2.0"},     {"GPL", "3", "GPL-3.0"},   {"LGPL", "2", "LGPL-2.0"},
        {"LGPL", "2.1", "LGPL-2.1"}, {"LGPL", "3", "LGPL-3.0"},
    };
    std::vector<NoticeText> out;
    for (const Form& f : k_forms) {
        std::string license(f.license), version(f.version);
        for (const std::string& head :
             {"This work is licensed under the terms of the GNU " + license + ", version " +
                  version,
              "This code is licensed under the GNU " + license + " v" + version}) {
            out.push_back({std::string(f.id) + "-only", head + "."});
            out.push_back({std::string(f.id) + "-or-later", head + " or later."});
        }
    }
    return out;
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
        for (NoticeText& n : short_gnu_notices())
            out.push_back(std::move(n));
        return out;
    }();
    return notices;
}

} // namespace kaiyuan::license
