#include "kaiyuan/cli/common.hpp"

#include "kaiyuan/license/license_data.hpp"
#include "kaiyuan/util/files.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <unistd.h>

namespace kaiyuan::cli {

void OutputOptions::add_to(CLI::App& app, bool with_format) {
    if (with_format) {
        std::string names;
        for (auto& [f, n] : format::all_formats())
            names += (names.empty() ? "" : ", ") + std::string(n);
        app.add_option("-f,--format", format, "output format: " + names);
    }
    app.add_option("-o,--output", output, "write to FILE instead of stdout");
    app.add_flag("-q,--quiet", quiet, "no progress or diagnostics on stderr");
}

bool output_is_terminal(const std::string& output) {
    return (output.empty() || output == "-") && ::isatty(STDOUT_FILENO);
}

format::Format OutputOptions::resolve_format() const {
    if (format.empty())
        return output_is_terminal(output) ? format::Format::table : format::Format::json;
    auto f = format::parse_format(format);
    if (!f) throw CommandError{f.error().message};
    return *f;
}

void OutputOptions::emit(const std::string& text) const {
    if (output.empty() || output == "-") {
        errno = 0;
        if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
            std::fflush(stdout) != 0)
            throw CommandError{std::string("writing standard output: ") +
                               (errno ? std::strerror(errno) : "write error")};
        return;
    }
    if (auto r = util::write_file_atomic(output, text); !r) throw CommandError{r.error().message};
}

namespace {
class TerminalProgress final : public util::Progress {
public:
    void phase(std::string_view name, std::uint64_t total) override {
        m_name = name;
        m_total = total;
        draw(0, true);
    }
    void advance(std::uint64_t done) override { draw(done, false); }
    void finish() override {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }

private:
    void draw(std::uint64_t done, bool force) {
        auto now = std::chrono::steady_clock::now();
        if (!force && now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        if (m_total)
            std::fprintf(stderr, "\r\033[K%s %llu/%llu", m_name.c_str(),
                         static_cast<unsigned long long>(done),
                         static_cast<unsigned long long>(m_total));
        else
            std::fprintf(stderr, "\r\033[K%s %llu", m_name.c_str(),
                         static_cast<unsigned long long>(done));
        std::fflush(stderr);
    }
    std::string m_name;
    std::uint64_t m_total = 0;
    std::chrono::steady_clock::time_point m_last{};
};
} // namespace

std::unique_ptr<util::Progress> make_progress(bool quiet) {
    if (quiet || !::isatty(STDERR_FILENO)) return nullptr;
    return std::make_unique<TerminalProgress>();
}

void report_diagnostics(const std::vector<model::Diagnostic>& diagnostics, bool quiet) {
    if (quiet) return;
    for (const auto& d : diagnostics)
        std::cerr << "kaiyuan: " << model::to_string(d.severity) << ": " << d.location.to_string()
                  << (d.location.layer.empty() ? "" : " (layer " + d.location.layer + ")") << ": "
                  << d.message << "\n";
}

std::optional<license::Policy> read_policy_option(const std::string& path) {
    if (path.empty()) return std::nullopt;
    auto policy = license::read_policy_file(path);
    if (!policy) throw CommandError{policy.error().message};
    return std::move(*policy);
}

void add_license_data_option(CLI::App& cmd, std::string& dir) {
    cmd.add_option("--license-data", dir,
                   "SPDX license-list-data json/ folder to use instead of the compiled-in list "
                   "(adds exception texts and newer licenses)")
        ->envname("KAIYUAN_LICENSE_DATA");
}

void use_license_data(const std::string& dir, bool quiet) {
    if (dir.empty()) return;
    auto data = license::read_license_list_data(dir);
    if (!data) throw CommandError{"--license-data: " + data.error().message};
    report_diagnostics(data->diagnostics, quiet);
    if (!quiet)
        std::fprintf(stderr, "kaiyuan: license list %s from %s: %zu licenses, %zu exceptions\n",
                     data->version.empty() ? "(no version)" : data->version.c_str(), dir.c_str(),
                     data->licenses.size(), data->exceptions.size());
    license::use_license_list_data(std::move(*data));
}

} // namespace kaiyuan::cli
