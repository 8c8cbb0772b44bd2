#pragma once
/// rpm spec files (https://rpm-software-management.github.io/rpm/manual/spec.html), read the way
/// a package repository of openEuler (src-openeuler: <name>.spec beside its sources and patches)
/// or Fedora keeps them: the preamble's tags with macros expanded, the subpackages, the Source
/// and Patch entries, BuildRequires and Requires with their version constraints, and the CVE
/// ids that patch names and %changelog entries cite. No rpmbuild, nothing run.
///
/// Conditionals: %if is evaluated (spec_macros.hpp); %ifarch, %ifnarch, %ifos and %ifnos are
/// not decided, as a source package serves every architecture: both branches are read, and what
/// they declare carries the condition (kaiyuan:rpm:condition).
#include "kaiyuan/catalog/engine/cataloger.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <vector>

namespace kaiyuan::catalog::rpm {

/// One requirement: "name", "name >= 1.2", "pkgconfig(zlib)", "(a or b)".
struct SpecRequirement {
    std::string kind; ///< BuildRequires, Requires, Requires(post), Recommends, ...
    std::string name;
    std::string op;      ///< "", "=", "<", "<=", ">", ">="
    std::string version; ///< "" without a constraint
    std::string condition;
    std::uint32_t line = 0;
};

/// A Source or Patch entry.
struct SpecFileEntry {
    std::string tag;   ///< "Source0", "Patch6001" (numbered as rpm numbers unnumbered ones)
    std::string value; ///< expanded: a URL or a file name
    std::string condition;
    std::uint32_t line = 0;
    /// The file name: the URL's last path segment (rpm's rule), or the value.
    std::string file_name() const;
};

/// A binary package the spec builds: the main one and each %package.
struct SpecPackage {
    std::string name;
    std::string summary, license, url, build_arch;
    std::vector<SpecRequirement> dependencies; ///< Requires, Recommends, Suggests
    std::uint32_t line = 0;
};

struct SpecFile {
    std::string name, version, release, epoch, license, url, summary, vendor;
    std::vector<SpecFileEntry> sources, patches;
    std::vector<SpecRequirement> build_requires;
    std::vector<SpecPackage> packages; ///< the main package first
    /// CVE ids the newest %changelog entry cites, then those of every entry (no repeats).
    std::vector<std::string> latest_changelog_cves, changelog_cves;
    std::string latest_changelog; ///< the newest entry's header line ("* Thu Apr 14 2022 ...")
    std::vector<model::Diagnostic> diagnostics;
};

/// Reads a spec file. Only text that is no spec at all (no Name tag) is an error; problems
/// with single lines are diagnostics naming the line.
Result<SpecFile> parse_spec(std::string_view text, const model::Location& location);

/// CVE ids in `text` ("CVE-2018-25032", any case), upper-cased, in order, without repeats.
std::vector<std::string> cve_ids(std::string_view text);

/// The components of a spec: the source package (pkg:rpm/<vendor>/<name>@<version>-<release>
/// ?arch=src, carrying kaiyuan:rpm:spec), each binary package, each Source and Patch as a file
/// component, and each required package (scope "build" for BuildRequires) with its constraint
/// in kaiyuan:rpm:requirement.
CatalogResult spec_components(const SpecFile& spec, const model::Location& location);

/// *.spec files.
class RpmSpecCataloger final : public Cataloger {
public:
    std::string_view name() const override { return "rpm-spec"; }
    std::vector<std::string> globs() const override { return {"*.spec", "**/*.spec"}; }
    CatalogResult catalog(const std::vector<const FileData*>& files,
                          const Environments& envs) const override;
};

} // namespace kaiyuan::catalog::rpm
