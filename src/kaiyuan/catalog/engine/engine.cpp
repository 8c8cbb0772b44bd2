#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/ownership.hpp"

#include "kaiyuan/catalog/binary/elf.hpp"
#include "kaiyuan/catalog/os/os_release.hpp"
#include "kaiyuan/util/glob.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <set>

namespace kaiyuan::catalog {

namespace {

// A glob with a cheap pre-check on the file name: most paths are rejected by comparing the
// literal tail of the pattern before any glob matching.
struct CompiledGlob {
    std::string pattern;
    std::string literal_tail; ///< the pattern's text after its last wildcard or '/'

    explicit CompiledGlob(std::string p) : pattern(std::move(p)) {
        auto cut = pattern.find_last_of("*?]/");
        literal_tail = cut == std::string::npos ? pattern : pattern.substr(cut + 1);
    }
    bool matches(std::string_view path) const {
        return path.ends_with(literal_tail) && util::glob_match(pattern, path);
    }
};

const std::vector<std::string> k_os_release_globs = {"**/etc/os-release", "**/usr/lib/os-release"};

class CollectingVisitor final : public source::Visitor {
public:
    CollectingVisitor(const std::vector<std::unique_ptr<Cataloger>>& catalogers,
                      util::Progress& progress)
        : m_progress(progress) {
        for (const auto& c : catalogers) {
            std::vector<CompiledGlob> globs;
            for (auto& g : c->globs())
                globs.emplace_back(g);
            m_globs.push_back(std::move(globs));
            m_magic.push_back(c->magic());
            auto sections = c->elf_sections();
            if (!m_magic.back().empty() && sections.empty()) m_any_elf = true;
            m_elf_sections.insert(sections.begin(), sections.end());
            for (auto& m : m_magic.back())
                m_any_magic.push_back(m);
        }
        for (auto& g : k_os_release_globs)
            m_os_globs.emplace_back(g);
    }

    bool wants(const source::Entry& e) override {
        if (e.type == source::EntryType::symlink) {
            // A wanted path that is a link (etc/os-release -> ../usr/lib/os-release, a hard
            // link in a layer) gets the contents of its target once the walk is done.
            if (matches_any(e.path)) m_links[e.path] = e;
            return false;
        }
        if (e.type != source::EntryType::file) return false;
        if ((++m_seen & 1023) == 0) m_progress.advance(m_seen);
        return matches_any(e.path);
    }

    /// Gives each wanted link the contents of the file it points to inside the tree (through at
    /// most 8 links); links that leave the tree or dangle are reported.
    void resolve_links(const source::FileTree& tree, std::vector<model::Diagnostic>& diagnostics) {
        for (const auto& [path, link] : m_links) {
            if (m_files.contains(path)) continue;
            std::string current = path;
            const FileData* target = nullptr;
            for (int hop = 0; hop < 8 && !target; ++hop) {
                auto l = m_links.find(current);
                if (l == m_links.end()) break;
                std::string next = resolve(current, l->second.link_target);
                if (next.empty()) break;
                if (auto f = m_files.find(next); f != m_files.end()) {
                    target = &f->second;
                } else if (!m_links.contains(next)) {
                    // A target no cataloger asked for: read it now where the tree allows.
                    if (auto data = tree.read(next)) {
                        target =
                            &(m_link_targets[next] = FileData{next, link.layer, std::move(*data)});
                    }
                }
                current = next;
            }
            if (!target) {
                diagnostics.push_back({model::Severity::info,
                                       {path, link.layer, 0},
                                       "link to '" + link.link_target +
                                           "' does not lead to a file in the target; not read"});
                continue;
            }
            m_files[path] = FileData{path, target->layer, target->data};
        }
    }

    // Files whose names look like programs: no extension, or .exe.
    bool sniff(const source::Entry& e) override {
        if (m_any_magic.empty() || e.type != source::EntryType::file) return false;
        std::string_view base = std::string_view(e.path).substr(e.path.rfind('/') + 1);
        return base.find('.') == std::string_view::npos || base.ends_with(".exe");
    }

    std::uint64_t wants_head(const source::Entry&, std::string_view head,
                             const source::Visitor::RangeReader& read) override {
        constexpr auto whole = source::Visitor::k_whole_file;
        bool magic = false;
        for (const auto& m : m_any_magic)
            magic = magic || head.starts_with(m);
        if (!magic) return 0;
        if (!head.starts_with(binary::k_elf_magic) || m_any_elf || m_elf_sections.empty())
            return whole;
        // An ELF file: wanted only when it has a section some cataloger reads. Of one without a
        // section table (a packed executable) the first 4 KiB tell what packed it.
        auto names = binary::elf_section_names(read);
        if (!names) return 4096;
        for (const auto& n : *names)
            if (m_elf_sections.contains(n)) return whole;
        return 0;
    }

    void contents(const source::Entry& e, std::string&& data) override {
        m_files[e.path] = FileData{e.path, e.layer, std::move(data)};
    }

    bool matches_any(std::string_view path) const {
        for (auto& g : m_os_globs)
            if (g.matches(path)) return true;
        for (auto& list : m_globs)
            for (auto& g : list)
                if (g.matches(path)) return true;
        return false;
    }

    // The tree path a link at `from` points to: absolute targets from the tree's root, relative
    // ones from the link's directory; "" when it climbs out of the tree.
    static std::string resolve(const std::string& from, const std::string& target) {
        std::string joined =
            target.starts_with('/') ? target : from.substr(0, from.rfind('/') + 1) + target;
        std::vector<std::string_view> parts;
        for (auto seg : util::split(joined, '/')) {
            if (seg.empty() || seg == ".") continue;
            if (seg == "..") {
                if (parts.empty()) return {};
                parts.pop_back();
                continue;
            }
            parts.push_back(seg);
        }
        std::string out;
        for (auto seg : parts)
            out += (out.empty() ? "" : "/") + std::string(seg);
        return out;
    }

    std::vector<const FileData*> files_for(std::size_t cataloger) const {
        std::vector<const FileData*> out;
        for (const auto& [path, f] : m_files) {
            bool match = false;
            for (const auto& g : m_globs[cataloger])
                if ((match = g.matches(path))) break;
            for (const auto& m : m_magic[cataloger])
                if (!match && f.data.starts_with(m)) match = true;
            if (match) out.push_back(&f);
        }
        return out;
    }

    Environments environments(std::vector<model::Diagnostic>& diagnostics) const {
        std::map<std::string, const FileData*>
            by_root; // etc/os-release wins over usr/lib/os-release
        for (const auto& [path, f] : m_files) {
            for (std::string_view anchor : {"usr/lib/os-release", "etc/os-release"}) {
                if (path != anchor && !path.ends_with("/" + std::string(anchor))) continue;
                std::string root = root_prefix(path, anchor);
                auto it = by_root.find(root);
                if (it == by_root.end() || anchor == std::string_view("etc/os-release"))
                    by_root[root] = &f;
            }
        }
        Environments envs;
        for (auto& [root, f] : by_root) {
            auto distro = os::parse_os_release(f->data);
            if (distro.empty()) {
                diagnostics.push_back(
                    {model::Severity::warning, f->location(), "os-release names no distribution"});
                continue;
            }
            envs.add({root, distro});
        }
        return envs;
    }

private:
    util::Progress& m_progress;
    std::vector<std::vector<CompiledGlob>> m_globs;
    std::vector<std::vector<std::string>> m_magic; ///< per cataloger
    std::vector<std::string> m_any_magic;
    std::set<std::string> m_elf_sections; ///< wanted ELF sections, over all catalogers
    bool m_any_elf = false;               ///< some cataloger wants every ELF file
    std::vector<CompiledGlob> m_os_globs;
    std::map<std::string, FileData> m_files;
    std::map<std::string, source::Entry> m_links;
    std::map<std::string, FileData>
        m_link_targets; ///< files read only because a link points to them
    std::uint64_t m_seen = 0;
};

} // namespace

Result<model::Sbom> scan(source::FileTree& tree,
                         const std::vector<std::unique_ptr<Cataloger>>& catalogers,
                         const ScanOptions& options) {
    util::Progress& progress = options.progress ? *options.progress : util::null_progress();
    model::Sbom sbom;
    CollectingVisitor visitor(catalogers, progress);
    progress.phase("walking", 0);
    if (auto r = tree.walk(visitor, sbom.diagnostics); !r) return unexpected(r.error());
    visitor.resolve_links(tree, sbom.diagnostics);

    Environments envs = visitor.environments(sbom.diagnostics);
    // The distribution of the tree's top-most root describes the whole target.
    if (!envs.all().empty()) {
        const Environment* top = &envs.all().front();
        for (const auto& e : envs.all())
            if (e.root.size() < top->root.size()) top = &e;
        sbom.metadata.distro = top->distro;
    }
    sbom.metadata.properties = tree.properties();
    sbom.metadata.target_kind = tree.kind();

    progress.phase("cataloging", catalogers.size());
    // Catalogers are independent: run them concurrently, merge in registry order.
    std::vector<std::future<CatalogResult>> running;
    for (std::size_t i = 0; i < catalogers.size(); ++i) {
        auto files = visitor.files_for(i);
        if (files.empty()) {
            running.push_back({});
            continue;
        }
        running.push_back(std::async(std::launch::async, [&, i, files = std::move(files)] {
            return catalogers[i]->catalog(files, envs);
        }));
    }
    std::uint64_t done = 0;
    for (auto& f : running) {
        if (f.valid()) {
            CatalogResult r = f.get();
            for (auto& c : r.components)
                sbom.components.push_back(std::move(c));
            for (auto& rel : r.relationships)
                sbom.relationships.push_back(std::move(rel));
            for (auto& d : r.diagnostics)
                sbom.diagnostics.push_back(std::move(d));
        }
        progress.advance(++done);
    }
    progress.finish();
    // Before normalize(), which merges, sorts and drops what the relation would need redone.
    relate_owned_packages(sbom);
    sbom.normalize();
    return sbom;
}

} // namespace kaiyuan::catalog
