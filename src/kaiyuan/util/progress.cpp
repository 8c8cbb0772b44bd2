#include "kaiyuan/util/progress.hpp"

namespace kaiyuan::util {

namespace {
class NullProgress final : public Progress {
public:
    void phase(std::string_view, std::uint64_t) override {}
    void advance(std::uint64_t) override {}
    void finish() override {}
};
} // namespace

Progress& null_progress() {
    static NullProgress p;
    return p;
}

} // namespace kaiyuan::util
