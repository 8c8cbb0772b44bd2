#include "kaiyuan/catalog/rpm/cataloger.hpp"

#include "kaiyuan/catalog/rpm/database.hpp"
#include "kaiyuan/catalog/rpm/package.hpp"
#include "kaiyuan/catalog/rpm/rpm_file.hpp"
#include "kaiyuan/catalog/rpm/sqlite_wal.hpp"
#include "kaiyuan/util/hash.hpp"

#include <map>

namespace kaiyuan::catalog::rpm {

namespace {
constexpr std::string_view k_db_dirs[] = {"var/lib/rpm/", "usr/lib/sysimage/rpm/",
                                          "usr/share/rpm/"};

enum class Backend { sqlite, bdb, ndb };

// Where the root starts for a database file, or npos.
std::size_t db_dir_start(std::string_view path, std::string_view& dir) {
    for (auto d : k_db_dirs) {
        auto pos = path.rfind(d);
        if (pos != std::string_view::npos && (pos == 0 || path[pos - 1] == '/') &&
            path.find('/', pos + d.size()) == std::string_view::npos) {
            dir = d;
            return pos;
        }
    }
    return std::string_view::npos;
}
} // namespace

std::vector<std::string> RpmDbCataloger::globs() const {
    std::vector<std::string> out;
    for (auto d : k_db_dirs)
        for (std::string_view f : {"rpmdb.sqlite", "rpmdb.sqlite-wal", "Packages", "Packages.db"})
            out.push_back("**/" + std::string(d) + std::string(f));
    return out;
}

CatalogResult RpmDbCataloger::catalog(const std::vector<const FileData*>& files,
                                      const Environments& envs) const {
    CatalogResult result;
    // The newest backend present in a directory is the live one: rpm converts, and old files
    // may linger (sqlite > ndb > bdb).
    std::map<std::string, std::pair<Backend, const FileData*>> live;
    std::map<std::string, const FileData*> wal;
    for (const FileData* f : files) {
        std::string_view dir;
        std::size_t pos = db_dir_start(f->path, dir);
        if (pos == std::string_view::npos) continue;
        std::string key = f->path.substr(0, pos + dir.size());
        std::string_view base = std::string_view(f->path).substr(pos + dir.size());
        if (base == "rpmdb.sqlite-wal") {
            wal[key] = f;
            continue;
        }
        Backend b = base == "rpmdb.sqlite"  ? Backend::sqlite
                    : base == "Packages.db" ? Backend::ndb
                                            : Backend::bdb;
        auto it = live.find(key);
        if (it == live.end() || static_cast<int>(b) < static_cast<int>(it->second.first))
            live[key] = {b, f};
    }
    for (auto& [dir, entry] : live) {
        auto [backend, f] = entry;
        // Pages committed to rpmdb.sqlite-wal but not checkpointed are part of the database
        // that rpm sees: apply them first.
        std::string_view db_bytes = f->data;
        std::string with_wal;
        if (auto w = wal.find(dir);
            w != wal.end() && !w->second->data.empty() && backend == Backend::sqlite) {
            if (auto applied = apply_wal(f->data, w->second->data); applied) {
                with_wal = std::move(applied->database);
                db_bytes = with_wal;
                if (applied->ignored_tail)
                    result.diagnostics.push_back(
                        {model::Severity::warning, w->second->location(),
                         "write-ahead log ends in an incomplete transaction; it was left out"});
            } else {
                result.diagnostics.push_back(
                    {model::Severity::warning, w->second->location(),
                     "write-ahead log not applied: " + applied.error().message});
            }
        }
        auto blobs = backend == Backend::sqlite ? read_sqlite_rpmdb(db_bytes)
                     : backend == Backend::ndb  ? read_ndb_rpmdb(f->data)
                                                : read_bdb_rpmdb(f->data);
        if (!blobs) {
            result.diagnostics.push_back({model::Severity::error, f->location(),
                                          "cannot read rpmdb: " + blobs.error().message});
            continue;
        }
        for (auto& p : blobs->problems)
            result.diagnostics.push_back({model::Severity::warning, f->location(), p});
        std::string_view db_dir;
        std::string root = f->path.substr(0, db_dir_start(f->path, db_dir));
        const model::Distro& distro = envs.for_path(root + "etc/os-release").distro;
        std::vector<Capabilities> caps;
        std::vector<model::Component> components;
        components.reserve(blobs->blobs.size());
        caps.reserve(blobs->blobs.size());
        std::size_t keys = 0;
        for (std::size_t i = 0; i < blobs->blobs.size(); ++i) {
            auto pkg = parse_header_blob(blobs->blobs[i]);
            if (!pkg) {
                result.diagnostics.push_back({model::Severity::warning, f->location(),
                                              "package header " + std::to_string(i + 1) + ": " +
                                                  pkg.error().message + "; skipped"});
                continue;
            }
            if (pkg->name == "gpg-pubkey") { // imported signing keys, not software
                ++keys;
                continue;
            }
            caps.push_back({pkg->name, std::move(pkg->provides), std::move(pkg->requires_)});
            components.push_back(to_component(std::move(*pkg), distro, f->location()));
        }
        if (keys)
            result.diagnostics.push_back(
                {model::Severity::info, f->location(),
                 std::to_string(keys) +
                     " gpg-pubkey entries (signing keys) are not listed as packages"});
        add_dependencies(caps, components, result.relationships);
        for (auto& c : components)
            result.components.push_back(std::move(c));
    }
    return result;
}

CatalogResult RpmFileCataloger::catalog(const std::vector<const FileData*>& files,
                                        const Environments& envs) const {
    CatalogResult result;
    for (const FileData* f : files) {
        auto pkg = parse_rpm_file(f->data);
        if (!pkg) {
            result.diagnostics.push_back({model::Severity::warning, f->location(),
                                          "not a readable .rpm: " + pkg.error().message});
            continue;
        }
        model::Component c =
            to_component(std::move(*pkg), envs.for_path(f->path).distro, f->location());
        c.hashes.push_back({"SHA256", util::digest_hex(util::DigestAlgorithm::sha256, f->data)});
        result.components.push_back(std::move(c));
    }
    return result;
}

} // namespace kaiyuan::catalog::rpm
