// The license report as an attribution notice (NOTICE / third-party notices file, as OpenChain
// ISO/IEC 5230 clause 3.4.1 asks to ship): each license found, the copyright holders of the
// files under it, and the license's full text once.
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/license/index.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/license/report.hpp"
#include "kaiyuan/model/license_expression.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kaiyuan::license {

namespace {

struct Attribution {
    std::set<std::string> holders;
    std::uint64_t files = 0;
    /// Of those, the files that only name the license (a reference: "@license MIT").
    std::uint64_t by_reference = 0;
    /// The project's own copy of the license (a LICENSE or COPYING file holding its whole
    /// text), the one nearest the top of the tree: shipped as it is, with the project's own
    /// copyright line, rather than SPDX's template ("Copyright [various years] ...").
    const FileLicenses* own_text = nullptr;
};

/// Nearer the top first, then by path: "COPYING" before "lib/COPYING".
bool nearer(const FileLicenses& a, const FileLicenses& b) {
    auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
    return std::pair(depth(a.path), a.path) < std::pair(depth(b.path), b.path);
}

/// The text of an exception: from a list read at run time, else from the deprecated
/// license-plus-exception id that carries it.
std::string_view exception_text(std::string_view exception) {
    if (const LicenseInfo* e = find_exception(exception)) return e->text;
    for (const LicenseInfo& l : spdx_licenses())
        if (exception_of_deprecated(l.id) == exception) {
            std::string_view text = l.text;
            if (text.starts_with("insert ")) text.remove_prefix(text.find('\n') + 1);
            return text;
        }
    return {};
}

void ids_of(const model::LicenseExpression& e, std::set<std::string>& out) {
    using Kind = model::LicenseExpression::Kind;
    if (e.kind() == Kind::license) {
        out.insert(e.simplified().id());
        return;
    }
    if (e.kind() == Kind::with) out.insert(e.id());
    for (const auto& op : e.operands())
        ids_of(op, out);
}

std::string rule(std::string_view title) {
    std::string line(72, '=');
    return line + "\n" + std::string(title) + "\n" + line + "\n";
}

} // namespace

std::string write_license_notice(const LicenseReport& r) {
    std::map<std::string, Attribution> by_license;
    for (const auto& f : r.scan.files) {
        std::set<std::string> ids, stated;
        for (const auto& m : f.licenses) {
            if (!m.is_statement()) continue;
            if (auto e = model::LicenseExpression::parse(m.expression)) {
                ids_of(*e, ids);
                if (m.kind != LicenseMatch::Kind::reference) ids_of(*e, stated);
            }
        }
        for (const auto& id : ids) {
            Attribution& a = by_license[id];
            ++a.files;
            a.by_reference += !stated.contains(id);
            for (const auto& c : f.copyrights)
                if (!c.holder.empty()) a.holders.insert(c.holder);
        }
        if (f.text.empty()) continue;
        for (const auto& m : f.licenses) {
            if (m.kind != LicenseMatch::Kind::text) continue;
            auto e = model::LicenseExpression::parse(m.expression);
            if (!e || e->kind() != model::LicenseExpression::Kind::license) continue;
            Attribution& a = by_license[e->simplified().id()];
            if (!a.own_text || nearer(f, *a.own_text)) a.own_text = &f;
        }
    }
    std::string out = "Third-party notices for " + r.target + "\n";
    out += "Made by kaiyuan " + std::string(format::k_tool_version) + " on " + r.created +
           " from " + std::to_string(r.scan.files.size()) + " files.\n\n";
    out += "This material is distributed under the following licenses:\n";
    auto info = [](const std::string& id) {
        const LicenseInfo* l = find_license(id);
        return l ? l : find_exception(id);
    };
    for (const auto& [id, a] : by_license) {
        const LicenseInfo* l = info(id);
        out += "  " + id + (l ? " (" + std::string(l->name) + ")" : "") + ", " +
               std::to_string(a.files) + (a.files == 1 ? " file" : " files");
        if (a.by_reference)
            out +=
                " (named only by reference, without its text, in " +
                (a.by_reference == a.files ? std::string("all") : std::to_string(a.by_reference)) +
                ")";
        out += "\n";
    }
    for (const auto& [id, a] : by_license) {
        const LicenseInfo* l = info(id);
        out += "\n" + rule(l ? std::string(l->name) + " (" + id + ")" : id);
        if (!a.holders.empty()) {
            out += "\nCopyright holders:\n";
            for (const auto& h : a.holders)
                out += "  " + h + "\n";
        }
        out += "\n";
        if (a.own_text) {
            out += "(as in " + a.own_text->path + ")\n\n" + a.own_text->text;
            if (!a.own_text->text.ends_with('\n')) out += "\n";
            continue;
        }
        std::string_view text = l ? l->text : exception_text(id);
        out += text.empty() ? "(No text of " + id + " is known to kaiyuan; see the files under it.)"
                            : std::string(text);
        out += "\n";
    }
    return out;
}

} // namespace kaiyuan::license
