#include "kaiyuan/catalog/dpkg/deb_file.hpp"

#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::dpkg {

Result<DebFile> parse_deb(std::string_view bytes) {
    if (!bytes.starts_with("!<arch>\n")) return fail("not a .deb (no ar header)");
    auto outer = source::ArchiveReader::open({{}, bytes, {}}, "deb");
    if (!outer) return unexpected(outer.error());
    std::string control_tar;
    std::vector<model::Diagnostic> diags;
    auto r = outer->for_each(
        [](const source::Entry& e) { return e.path.starts_with("control.tar"); },
        [&](const source::Entry&, std::string&& d) { control_tar = std::move(d); }, diags);
    if (!r) return unexpected(r.error());
    if (control_tar.empty()) return fail("no control.tar member");
    auto inner = source::ArchiveReader::open({{}, control_tar, {}}, "control.tar");
    if (!inner) return unexpected(inner.error());
    std::string control, md5sums;
    r = inner->for_each(
        [](const source::Entry& e) { return e.path == "control" || e.path == "md5sums"; },
        [&](const source::Entry& e, std::string&& d) {
            (e.path == "control" ? control : md5sums) = std::move(d);
        },
        diags);
    if (!r) return unexpected(r.error());
    if (control.empty()) return fail("control.tar has no control file");
    auto parsed = parse_control(control, {});
    if (parsed.paragraphs.empty() || !parsed.paragraphs.front().has("Package"))
        return fail("control file has no Package field");
    DebFile out;
    out.package = package_from_paragraph(parsed.paragraphs.front());
    for (auto line : util::split(md5sums, '\n')) {
        auto words = util::split_ws(line);
        if (words.size() >= 2)
            out.files.push_back("/" +
                                util::sanitize_text(util::trim(line.substr(line.find(words[1])))));
    }
    return out;
}

} // namespace kaiyuan::catalog::dpkg
