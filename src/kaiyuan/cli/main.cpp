#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/format/common.hpp"

#include <cerrno>
#include <clocale>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {

/// Flushes and closes standard output and says whether that worked: a command whose output was
/// lost (`> /dev/full`, a closed pipe's peer, a full disk) must not exit 0. The same check as
/// coreutils' close_stdout; `-o FILE` is checked where it is written.
bool close_stdout() {
    std::cout.flush();
    bool ok = !std::cout.bad();
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) ok = false;
    int saved = errno;
    if (std::fclose(stdout) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        std::fprintf(stderr, "kaiyuan: error: writing standard output: %s\n",
                     saved ? std::strerror(saved) : "write error");
    return ok;
}

/// Commands read whole documents and build large models: tens of MiB, touched once. On virtual
/// machines every 4 KiB page fault is expensive (on the reference machine about 40% of `sbom
/// diff` on two 5,000-component SBOMs; docs/benchmarks.md "Review of a change"). So the heap is
/// reserved in one piece that the kernel may back with 2 MiB pages (madvise, as glibc's
/// glibc.malloc.hugetlb=1 tunable does), and large blocks come from it rather than from fresh
/// mmaps each time. Not for `serve`: a long-running server keeps glibc's defaults.
void prefer_huge_pages() {
    constexpr std::size_t k_heap = 128u << 20;
    constexpr std::uintptr_t k_huge = 2u << 20;
    ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 512 << 20);
    auto start = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    ::mallopt(M_TOP_PAD, static_cast<int>(k_heap));
    // More than the heap has free: it grows by this and the pad, which stay reserved, untouched.
    // (volatile: a malloc whose block is only freed may be optimised away)
    void* volatile first = std::malloc(16u << 20);
    ::mallopt(M_TOP_PAD, 1 << 20);
    auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    std::uintptr_t from = (start + k_huge - 1) & ~(k_huge - 1);
    if (end > from) ::madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
    std::free(first);
}

int finish(int rc) {
    using namespace kaiyuan::cli;
    if (!close_stdout()) return k_usage;
    return rc;
}

} // namespace

int main(int argc, char** argv) {
    using namespace kaiyuan::cli;
    if (argc < 2 || std::strcmp(argv[1], "serve") != 0) prefer_huge_pages();
    // libarchive converts every zip member's DOS time with mktime(), and glibc, with TZ unset,
    // stats /etc/localtime on each call: a jar of 3,000 classes cost 3,000 stat calls. kaiyuan
    // prints no local times (SBOM timestamps are UTC), so a fixed zone changes no output.
    if (!std::getenv("TZ")) ::setenv("TZ", "UTC", 0);
    // Member names are UTF-8 in tar (pax) and zip; in the default "C" locale libarchive
    // converts them to ASCII one character at a time (and mangles what is not ASCII).
    std::setlocale(LC_CTYPE, "C.UTF-8");
    CLI::App app{"kaiyuan: open-source supply-chain governance (SBOMs, licenses, vulnerabilities)",
                 "kaiyuan"};
    app.set_version_flag("--version", std::string("kaiyuan ") + kaiyuan::format::k_tool_version);
    app.require_subcommand(1);
    register_scan(app);
    register_sbom(app);
    register_capabilities(app);
    register_version(app);
    register_db(app);
    register_cvss(app);
    register_vuln(app);
    register_license(app);
    register_expression(app);
    register_serve(app);
    register_apikey(app);
    register_team(app);
    register_user(app);
    register_query(app);
    register_review(app);
    register_community(app);
    register_upstream(app);
    register_key(app);
    register_attest(app);
    register_sign(app);
    register_verify_log_entry(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" that exit 0 and print to stdout.
        if (e.get_exit_code() == 0) return finish(app.exit(e));
        // CLI11's own messages get the prefix every other error has, and a pointer to the help.
        std::fprintf(stderr, "kaiyuan: error: %s\nRun with --help for more information.\n",
                     e.what());
        return finish(k_usage);
    } catch (const CommandError& e) {
        std::fprintf(stderr, "kaiyuan: error: %s\n", e.message.c_str());
        // Standard output failed already, and said so.
        if (e.message.starts_with("writing standard output")) return e.exit_code;
        return finish(e.exit_code);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kaiyuan: internal error: %s\n", e.what());
        return finish(k_internal);
    }
    return finish(k_ok);
}
