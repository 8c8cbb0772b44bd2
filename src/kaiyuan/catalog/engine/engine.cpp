#include "kaiyuan/catalog/engine/engine.hpp"

#include "kaiyuan/catalog/os/os_release.hpp"
#include "kaiyuan/util/glob.hpp"

#include <algorithm>
#include <future>
#include <map>

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
        }
        for (auto& g : k_os_release_globs)
            m_os_globs.emplace_back(g);
    }

    bool wants(const source::Entry& e) override {
        if (e.type != source::EntryType::file) return false;
        if ((++m_seen & 1023) == 0) m_progress.advance(m_seen);
        for (auto& g : m_os_globs)
            if (g.matches(e.path)) return true;
        for (auto& list : m_globs)
            for (auto& g : list)
                if (g.matches(e.path)) return true;
        return false;
    }

    void contents(const source::Entry& e, std::string&& data) override {
        m_files[e.path] = FileData{e.path, e.layer, std::move(data)};
    }

    std::vector<const FileData*> files_for(std::size_t cataloger) const {
        std::vector<const FileData*> out;
        for (const auto& [path, f] : m_files)
            for (const auto& g : m_globs[cataloger])
                if (g.matches(path)) {
                    out.push_back(&f);
                    break;
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
    std::vector<CompiledGlob> m_os_globs;
    std::map<std::string, FileData> m_files;
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
    sbom.normalize();
    return sbom;
}

} // namespace kaiyuan::catalog
