// Result<T>: a value, or the diagnostics that explain why there is none.
//
//   Result<Config> r = loadConfig(path);
//   if (!r) { for (auto &d : r.diagnostics()) print(d.format()); return 1; }
//   use(*r);
//
// A Result may carry warnings alongside a value. No exception crosses a module API;
// fallible functions return Result.
#pragma once

#include "core/base/diagnostic.h"

#include <cassert>
#include <optional>
#include <utility>

namespace trellis::base {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Diagnostic error) { m_diagnostics.push_back(std::move(error)); }
    Result(Diagnostics diags) : m_diagnostics(std::move(diags)) {}
    Result(T value, Diagnostics warnings) : m_value(std::move(value)), m_diagnostics(std::move(warnings)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T &value() { assert(ok()); return *m_value; }
    const T &value() const { assert(ok()); return *m_value; }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T valueOr(T fallback) const { return ok() ? *m_value : std::move(fallback); }

    const Diagnostics &diagnostics() const { return m_diagnostics; }
    Diagnostics takeDiagnostics() { return std::move(m_diagnostics); }

private:
    std::optional<T> m_value;
    Diagnostics m_diagnostics;
};

/// Result for operations that produce no value.
struct Unit {};
using Status = Result<Unit>;
inline Status okStatus() { return Unit{}; }

} // namespace trellis::base
