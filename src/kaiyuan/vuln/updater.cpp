#include "kaiyuan/vuln/updater.hpp"

#include "kaiyuan/util/random.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <unistd.h>

namespace kaiyuan::vuln {

namespace {

struct Download {
    std::FILE* file = nullptr;
    std::uint64_t bytes = 0;
    std::string etag, last_modified;
    util::Progress* progress = nullptr;
};

std::size_t on_data(char* data, std::size_t size, std::size_t n, void* user) {
    auto* d = static_cast<Download*>(user);
    std::size_t written = std::fwrite(data, size, n, d->file);
    d->bytes += written * size;
    if (d->progress) d->progress->advance(d->bytes);
    return written * size;
}

/// Keeps the ETag and Last-Modified response headers.
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* d = static_cast<Download*>(user);
    std::string_view line(data, size * n);
    auto value_of = [&](std::string_view name) -> std::optional<std::string> {
        if (line.size() <= name.size() || line[name.size()] != ':') return std::nullopt;
        for (std::size_t i = 0; i < name.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return std::nullopt;
        std::string_view v = line.substr(name.size() + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
            v.remove_prefix(1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' '))
            v.remove_suffix(1);
        return std::string(v);
    };
    if (auto v = value_of("etag")) d->etag = *v;
    if (auto v = value_of("last-modified")) d->last_modified = *v;
    return size * n;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/// The file name a download is kept under, beside the database: "osv-PyPI.zip".
std::string kept_name(std::string_view ecosystem) {
    std::string out = "osv-";
    for (char c : ecosystem)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
    return out + ".zip";
}

std::string encode_path_segment(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

} // namespace

std::vector<std::string> default_update_ecosystems(AdvisoryStore& db) {
    std::vector<std::string> out;
    if (auto ecos = db.ecosystems())
        for (const auto& e : *ecos)
            out.push_back(e.ecosystem);
    if (out.empty())
        out = {"PyPI",      "npm",    "Go",     "crates.io", "Maven",       "RubyGems", "NuGet",
               "Packagist", "Debian", "Alpine", "AlmaLinux", "Rocky Linux", "openEuler"};
    return out;
}

Result<UpdateReport> update_from_osv(AdvisoryStore& db, const std::vector<std::string>& ecosystems,
                                     const std::string& base, const std::string& download_dir,
                                     util::Progress& progress) {
    namespace fs = std::filesystem;
    global_init();
    UpdateReport report;
    fs::path dir = download_dir.empty() ? fs::path(".") : fs::path(download_dir);
    std::error_code made;
    fs::create_directories(dir, made);
    for (const std::string& eco : ecosystems) {
        EcosystemUpdate u;
        u.ecosystem = eco;
        u.url = base + "/" + encode_path_segment(eco) + "/all.zip";
        fs::path kept = dir / kept_name(eco);
        // Its own name: several processes (servers on one machine) may update at once; the
        // rename below replaces the kept copy atomically whoever finishes last.
        fs::path temp = dir / (kept_name(eco) + "." + util::uuid4().substr(0, 8) + ".part");
        SourceStatus previous = db.source(u.url);
        std::error_code ec;
        bool have_copy = fs::exists(kept, ec);
        Download d;
        d.progress = &progress;
        d.file = std::fopen(temp.c_str(), "wb");
        if (!d.file) {
            u.error = temp.string() + ": cannot write";
            report.ecosystems.push_back(u);
            continue;
        }
        progress.phase("downloading " + eco, 0);
        CURL* curl = curl_easy_init();
        curl_slist* headers = nullptr;
        // Conditional only when the copy it would keep is still there.
        if (have_copy && !previous.etag.empty())
            headers = curl_slist_append(headers, ("If-None-Match: " + previous.etag).c_str());
        if (have_copy && !previous.last_modified.empty())
            headers = curl_slist_append(headers,
                                        ("If-Modified-Since: " + previous.last_modified).c_str());
        char error[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(curl, CURLOPT_URL, u.url.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &d);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &d);
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L); // abort a stalled transfer
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "kaiyuan");
        CURLcode rc = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
        bool flushed = std::fflush(d.file) == 0 && ::fsync(fileno(d.file)) == 0;
        std::fclose(d.file);
        if (rc != CURLE_OK || !flushed) {
            u.error = rc != CURLE_OK ? (error[0] ? std::string(error) : curl_easy_strerror(rc))
                                     : "cannot write " + temp.string();
            fs::remove(temp, ec);
            report.ecosystems.push_back(u);
            continue;
        }
        if (status == 304) {
            u.outcome = EcosystemUpdate::Outcome::not_modified;
            fs::remove(temp, ec);
            report.ecosystems.push_back(u);
            continue;
        }
        // Imported first (one transaction), then kept: a download that does not import leaves
        // both the database and the kept copy as they were.
        auto imported = import_paths(db, {temp.string()}, progress,
                                     {{u.url, {}, d.etag, d.last_modified, 0}}, true);
        if (!imported) {
            u.error = imported.error().message;
            fs::remove(temp, ec);
            report.ecosystems.push_back(u);
            continue;
        }
        fs::rename(temp, kept, ec); // atomic replacement of the previous copy
        if (ec) u.error = "kept copy not replaced: " + ec.message();
        u.outcome = EcosystemUpdate::Outcome::downloaded;
        u.bytes = d.bytes;
        u.records = imported->records;
        for (auto& diag : imported->diagnostics)
            report.import.diagnostics.push_back(std::move(diag));
        report.import.files += imported->files;
        report.import.records += imported->records;
        report.import.stats.added += imported->stats.added;
        report.import.stats.replaced += imported->stats.replaced;
        report.import.stats.unchanged += imported->stats.unchanged;
        report.import.stats.withdrawn += imported->stats.withdrawn;
        report.ecosystems.push_back(u);
    }
    return report;
}

} // namespace kaiyuan::vuln
