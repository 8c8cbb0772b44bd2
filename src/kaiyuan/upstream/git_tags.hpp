#pragma once
/// An upstream git repository's tags, listed without cloning: the ref advertisement of git's
/// smart protocol (what `git ls-remote --tags` reads), through libgit2, over https, ssh, git://
/// or a local path. Addresses are first rewritten by git's `url.<base>.insteadOf` settings, the
/// longest matching prefix winning (git-config(1)), so a mirror configured for git serves
/// kaiyuan too.
#include "kaiyuan/util/error.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kaiyuan::upstream {

struct RemoteTag {
    std::string name;   ///< without "refs/tags/"
    std::string commit; ///< what it names, peeled through an annotated tag (hex)
};

/// (base, insteadOf) pairs: an address starting with insteadOf is read as base + the rest.
using InsteadOf = std::vector<std::pair<std::string, std::string>>;

/// The rules in git's configuration: `config_file` alone when given, else the user's and the
/// system's (as git reads them).
InsteadOf insteadof_rules(const std::string& config_file = "");

/// `url` rewritten by the longest matching insteadOf; unchanged when none matches.
std::string apply_insteadof(const std::string& url, const InsteadOf& rules);

/// The tags `url` advertises (after insteadOf), in the order advertised. The error names the
/// address and what failed (unreachable, not a repository, refused).
Result<std::vector<RemoteTag>> list_tags(const std::string& url, const InsteadOf& rules);

} // namespace kaiyuan::upstream
