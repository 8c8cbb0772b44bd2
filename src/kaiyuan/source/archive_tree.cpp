#include "kaiyuan/source/archive_tree.hpp"

#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/util/files.hpp"

namespace kaiyuan::source {

ArchiveTree::ArchiveTree(std::string path, WalkLimits limits)
    : m_path(std::move(path)), m_limits(limits) {}

Result<void> ArchiveTree::walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) {
    auto reader = ArchiveReader::open(ArchiveInput{m_path, {}, {}}, m_path, m_limits);
    if (!reader) return unexpected(reader.error());
    // Sniffed members are read whole (the stream must be decompressed past them anyway) and
    // passed on only when their head is wanted.
    bool sniffing = false;
    return reader->for_each(
        [&](const Entry& e) {
            sniffing = !visitor.wants(e);
            return !sniffing || visitor.sniff(e);
        },
        [&](const Entry& e, std::string&& data) {
            if (sniffing && !keep_wanted_head(visitor, e, data)) return;
            visitor.contents(e, std::move(data));
        },
        diagnostics);
}

SingleFileTree::SingleFileTree(std::string path, std::string kind)
    : m_path(std::move(path)), m_kind(std::move(kind)) {}

Result<void> SingleFileTree::walk(Visitor& visitor, std::vector<model::Diagnostic>&) {
    auto slash = m_path.rfind('/');
    Entry e{slash == std::string::npos ? m_path : m_path.substr(slash + 1), EntryType::file, 0, "",
            ""};
    // The file was named on purpose: its content is looked at whatever its name.
    bool sniffing = !visitor.wants(e);
    auto data = util::read_file(m_path, WalkLimits{}.max_file_bytes);
    if (!data) return unexpected(data.error());
    e.size = data->size();
    if (sniffing && !keep_wanted_head(visitor, e, *data)) return {};
    visitor.contents(e, std::move(*data));
    return {};
}

} // namespace kaiyuan::source
