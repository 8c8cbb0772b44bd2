// The license report as an SPDX 2.3 document: the scanned target as one package whose files
// were analysed, each file with its checksum, the licenses found in it (licenseInfoInFiles)
// and its copyright statements (SPDX 2.3 clauses 7 and 8).
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/spdx23/document.hpp"
#include "kaiyuan/format/spdx23/spdx23.hpp"
#include "kaiyuan/license/report.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <set>

namespace kaiyuan::license {

namespace {

/// What a finding contributes to licenseInfoInFiles: its license ids (a WITH keeps its
/// exception), or nothing for clues and tags that do not parse.
std::vector<std::string> infos_of(const LicenseMatch& m) {
    if (!m.is_statement()) return {};
    auto e = model::LicenseExpression::parse(m.expression);
    if (!e) return {};
    std::vector<std::string> out;
    auto visit = [&](auto& self, const model::LicenseExpression& x) -> void {
        using Kind = model::LicenseExpression::Kind;
        if (x.kind() == Kind::license || x.kind() == Kind::with) {
            out.push_back(x.to_string());
            return;
        }
        for (const auto& op : x.operands())
            self(self, op);
    };
    visit(visit, *e);
    return out;
}

} // namespace

std::string write_license_spdx(const LicenseReport& r) {
    format::spdx23::SpdxDocument doc;
    doc.name = r.target.empty() ? "kaiyuan-license-scan" : r.target;
    std::string file_sha1s;
    for (const auto& f : r.scan.files)
        file_sha1s += f.sha1;
    doc.namespace_uri =
        "https://kaiyuan.invalid/spdx/licenses-" +
        util::digest_hex(util::DigestAlgorithm::sha256, r.target + "\n" + file_sha1s).substr(0, 32);
    doc.created = r.created;
    doc.creators = {std::string("Tool: kaiyuan-") + format::k_tool_version};

    format::spdx23::SpdxPackage root;
    root.spdx_id = format::spdx23::k_root_id;
    root.name = doc.name;
    root.purpose = "SOURCE";
    root.files_analyzed = true;
    // Clause 7.9: SHA1 over the sorted SHA1s of the files, concatenated.
    std::vector<std::string> sums;
    for (const auto& f : r.scan.files)
        sums.push_back(f.sha1);
    std::sort(sums.begin(), sums.end());
    root.verification_code = util::digest_hex(util::DigestAlgorithm::sha1, util::join(sums, ""));
    doc.relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", root.spdx_id});

    std::set<std::string> all, refs;
    std::size_t n = 0;
    for (const auto& f : r.scan.files) {
        format::spdx23::SpdxFile file;
        file.spdx_id = "SPDXRef-File-" + std::to_string(++n);
        file.name = "./" + f.path;
        file.checksums.push_back({"SHA1", f.sha1});
        if (!f.skipped.empty()) {
            file.license_info = {"NOASSERTION"};
            file.comment = "not searched: " + f.skipped;
        } else {
            std::set<std::string> infos;
            for (const auto& m : f.licenses)
                for (auto& i : infos_of(m))
                    infos.insert(std::move(i));
            for (const auto& i : infos) {
                all.insert(i);
                if (i.starts_with("LicenseRef-")) refs.insert(i);
            }
            file.license_info.assign(infos.begin(), infos.end());
            if (file.license_info.empty()) file.license_info = {"NONE"};
            // A license the file only names (no text, notice or tag) says so (clause 8.12).
            std::vector<std::string> named;
            for (const auto& m : f.licenses)
                if (m.kind == LicenseMatch::Kind::reference && m.is_statement())
                    named.push_back(m.expression + " (line " + std::to_string(m.start_line) +
                                    ": \"" + m.detail + "\")");
            if (!named.empty())
                file.comment = "named by reference, without its text: " + util::join(named, "; ");
            std::vector<std::string> statements;
            for (const auto& c : f.copyrights)
                statements.push_back(c.statement);
            file.copyright = statements.empty() ? "NONE" : util::join(statements, "\n");
        }
        doc.relationships.push_back({root.spdx_id, "CONTAINS", file.spdx_id});
        doc.files.push_back(std::move(file));
    }
    root.license_info_from_files.assign(all.begin(), all.end());
    if (root.license_info_from_files.empty()) root.license_info_from_files = {"NONE"};
    doc.packages.push_back(std::move(root));
    // Clause 10: every LicenseRef used needs its extracted text; a tag names it, no text is known.
    for (const auto& ref : refs)
        doc.extracted.push_back({ref, ref,
                                 "NOASSERTION (named by an SPDX-License-Identifier tag; no text "
                                 "was found for it)"});
    return format::spdx23::write_json(doc);
}

} // namespace kaiyuan::license
