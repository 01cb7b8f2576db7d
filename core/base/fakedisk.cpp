#include "core/base/fakedisk.h"

#include "core/base/paths.h"

#include <cerrno>
#include <cstring>

namespace trellis::base {

namespace {

std::string stripSlash(std::string path)
{
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    return path;
}

bool isRoot(const std::string &path)
{
    return path.empty() || path == "/";
}

std::string parentOf(const std::string &path)
{
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return {};
    return slash == 0 ? std::string("/") : path.substr(0, slash);
}

Diagnostic sysError(const std::string &path, const std::string &what, int err)
{
    return Diagnostic::error({path}, what + ": " + std::strerror(err));
}

} // namespace

void FakeDisk::addFile(const std::string &path, std::string content)
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    addDirectoryLocked(parentOf(p));
    m_nodes[p] = Node{false, std::move(content), ++m_clock};
}

void FakeDisk::addDirectory(const std::string &path)
{
    std::lock_guard lock(m_mutex);
    addDirectoryLocked(stripSlash(path));
}

void FakeDisk::addDirectoryLocked(const std::string &path)
{
    for (std::string p = path; !isRoot(p); p = parentOf(p)) {
        auto [it, inserted] = m_nodes.try_emplace(p, Node{true, {}, m_clock});
        if (!inserted && it->second.isDir)
            break;
        it->second.isDir = true;
    }
}

std::optional<std::string> FakeDisk::file(const std::string &path) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_nodes.find(stripSlash(path));
    if (it == m_nodes.end() || it->second.isDir)
        return std::nullopt;
    return it->second.content;
}

std::vector<std::string> FakeDisk::paths() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    for (const auto &[path, node] : m_nodes)
        out.push_back(node.isDir ? path + "/" : path);
    return out;
}

void FakeDisk::failNext(Op op, int err, std::string pathContains, int times)
{
    std::lock_guard lock(m_mutex);
    m_failures.push_back({op, err, std::move(pathContains), times});
}

void FakeDisk::setCapacity(std::uint64_t bytes)
{
    std::lock_guard lock(m_mutex);
    m_capacity = bytes;
}

std::vector<std::string> FakeDisk::calls() const
{
    std::lock_guard lock(m_mutex);
    return m_calls;
}

int FakeDisk::hit(Op op, const std::string &call, const std::string &path) const
{
    m_calls.push_back(call);
    for (Failure &f : m_failures) {
        if (f.op != op || f.times == 0 || path.find(f.pathContains) == std::string::npos)
            continue;
        if (f.times > 0)
            --f.times;
        return f.err;
    }
    return 0;
}

bool FakeDisk::isDirLocked(const std::string &path) const
{
    if (isRoot(path))
        return true;
    const auto it = m_nodes.find(path);
    return it != m_nodes.end() && it->second.isDir;
}

std::uint64_t FakeDisk::usedLocked() const
{
    std::uint64_t used = 0;
    for (const auto &[_, node] : m_nodes)
        used += node.content.size();
    return used;
}

Result<std::string> FakeDisk::readFile(const std::string &path, std::size_t maxBytes) const
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (int err = hit(Op::Read, "read " + p, p))
        return sysError(p, "cannot read", err);
    const auto it = m_nodes.find(p);
    if (it == m_nodes.end())
        return sysError(p, "cannot read", ENOENT);
    if (it->second.isDir)
        return sysError(p, "cannot read", EISDIR);
    if (it->second.content.size() > maxBytes)
        return Diagnostic::error({p}, "cannot read: the file is " + std::to_string(it->second.content.size())
                                          + " bytes, more than the limit of " + std::to_string(maxBytes));
    return it->second.content;
}

Result<FileInfo> FakeDisk::stat(const std::string &path) const
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (int err = hit(Op::Stat, "stat " + p, p))
        return sysError(p, "cannot stat", err);
    FileInfo info;
    if (isRoot(p)) {
        info.exists = info.isDir = true;
        return info;
    }
    const auto it = m_nodes.find(p);
    if (it == m_nodes.end())
        return info;
    info.exists = true;
    info.isDir = it->second.isDir;
    info.isFile = !it->second.isDir;
    info.size = it->second.content.size();
    info.mtimeNs = it->second.mtimeNs;
    return info;
}

Result<std::vector<DirEntry>> FakeDisk::listDirectory(const std::string &path) const
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (int err = hit(Op::List, "list " + p, p))
        return sysError(p, "cannot list the directory", err);
    if (!isDirLocked(p))
        return sysError(p, "cannot list the directory", m_nodes.count(p) ? ENOTDIR : ENOENT);
    const std::string prefix = p == "/" ? p : p.empty() ? std::string() : p + "/";
    std::vector<DirEntry> out;
    for (auto it = m_nodes.lower_bound(prefix); it != m_nodes.end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it) {
        const std::string rest = it->first.substr(prefix.size());
        if (rest.empty() || rest.find('/') != std::string::npos)
            continue;
        out.push_back({rest, it->second.isDir, !it->second.isDir, false});
    }
    return out; // std::map order is byte order
}

Result<std::string> FakeDisk::realPath(const std::string &path) const
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (!isRoot(p) && !m_nodes.count(p))
        return sysError(p, "cannot resolve", ENOENT);
    return p.empty() ? std::string("/") : p;
}

Status FakeDisk::makeDirectories(const std::string &path)
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (int err = hit(Op::MakeDirs, "mkdirs " + p, p))
        return sysError(p, "cannot create the directory", err);
    for (std::string q = p; !isRoot(q); q = parentOf(q)) {
        const auto it = m_nodes.find(q);
        if (it != m_nodes.end() && !it->second.isDir)
            return sysError(q, "cannot create the directory", EEXIST);
    }
    addDirectoryLocked(p);
    return okStatus();
}

Result<int> FakeDisk::create(const std::string &path, const std::string &modeFrom)
{
    (void)modeFrom;
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (int err = hit(Op::Create, "create " + p, p))
        return sysError(p, "cannot create", err);
    if (m_nodes.count(p))
        return sysError(p, "cannot create", EEXIST);
    if (!isDirLocked(parentOf(p)))
        return sysError(p, "cannot create", ENOENT);
    m_nodes[p] = Node{false, {}, ++m_clock};
    const int handle = m_nextHandle++;
    m_open[handle] = p;
    return handle;
}

Status FakeDisk::write(int handle, std::string_view data)
{
    std::lock_guard lock(m_mutex);
    const auto open = m_open.find(handle);
    const std::string p = open == m_open.end() ? std::string() : open->second;
    const std::string fd = "fd " + std::to_string(handle);
    if (int err = hit(Op::Write, "write " + p, p))
        return sysError(fd, "cannot write", err);
    if (open == m_open.end())
        return sysError(fd, "cannot write", EBADF);
    if (usedLocked() + data.size() > m_capacity)
        return sysError(fd, "cannot write", ENOSPC);
    Node &node = m_nodes[p];
    node.content.append(data);
    node.mtimeNs = ++m_clock;
    return okStatus();
}

Status FakeDisk::sync(int handle)
{
    std::lock_guard lock(m_mutex);
    const auto open = m_open.find(handle);
    const std::string p = open == m_open.end() ? std::string() : open->second;
    const std::string fd = "fd " + std::to_string(handle);
    if (int err = hit(Op::Sync, "sync " + p, p))
        return sysError(fd, "cannot fsync", err);
    if (open == m_open.end())
        return sysError(fd, "cannot fsync", EBADF);
    return okStatus();
}

Status FakeDisk::close(int handle)
{
    std::lock_guard lock(m_mutex);
    const auto open = m_open.find(handle);
    const std::string p = open == m_open.end() ? std::string() : open->second;
    const std::string fd = "fd " + std::to_string(handle);
    if (open != m_open.end())
        m_open.erase(open); // the handle is gone even when close fails
    else
        return sysError(fd, "cannot close", EBADF);
    if (int err = hit(Op::Close, "close " + p, p))
        return sysError(fd, "cannot close", err);
    return okStatus();
}

Status FakeDisk::rename(const std::string &from, const std::string &to)
{
    std::lock_guard lock(m_mutex);
    const std::string f = stripSlash(from), t = stripSlash(to);
    if (int err = hit(Op::Rename, "rename " + f + " " + t, f + " " + t))
        return sysError(t, "cannot rename " + f + " to it", err);
    const auto it = m_nodes.find(f);
    if (it == m_nodes.end())
        return sysError(t, "cannot rename " + f + " to it", ENOENT);
    if (it->second.isDir)
        return sysError(t, "cannot rename " + f + " to it", EISDIR); // files only
    if (!isDirLocked(parentOf(t)))
        return sysError(t, "cannot rename " + f + " to it", ENOENT);
    if (isDirLocked(t))
        return sysError(t, "cannot rename " + f + " to it", EISDIR);
    Node node = std::move(it->second);
    m_nodes.erase(it);
    m_nodes[t] = std::move(node);
    return okStatus();
}

Status FakeDisk::link(const std::string &existing, const std::string &newPath)
{
    std::lock_guard lock(m_mutex);
    const std::string e = stripSlash(existing), n = stripSlash(newPath);
    if (int err = hit(Op::Link, "link " + e + " " + n, e + " " + n))
        return sysError(e, "cannot link to " + n, err);
    const auto it = m_nodes.find(e);
    if (it == m_nodes.end())
        return sysError(e, "cannot link to " + n, ENOENT);
    if (it->second.isDir)
        return sysError(e, "cannot link to " + n, EPERM);
    if (m_nodes.count(n))
        return sysError(e, "cannot link to " + n, EEXIST);
    if (!isDirLocked(parentOf(n)))
        return sysError(e, "cannot link to " + n, ENOENT);
    m_nodes[n] = it->second; // a copy: the fake has no shared inodes
    return okStatus();
}

Status FakeDisk::remove(const std::string &path)
{
    std::lock_guard lock(m_mutex);
    const std::string p = stripSlash(path);
    if (int err = hit(Op::Remove, "remove " + p, p))
        return sysError(p, "cannot delete", err);
    const auto it = m_nodes.find(p);
    if (it == m_nodes.end())
        return okStatus();
    if (it->second.isDir)
        return sysError(p, "cannot delete", EISDIR);
    m_nodes.erase(it);
    return okStatus();
}

Status FakeDisk::syncDirectory(const std::string &dir)
{
    std::lock_guard lock(m_mutex);
    const std::string d = stripSlash(dir);
    if (int err = hit(Op::SyncDir, "syncDirectory " + d, d))
        return sysError(d, "cannot fsync the directory", err);
    if (!isDirLocked(d))
        return sysError(d, "cannot open the directory", ENOENT);
    return okStatus();
}

} // namespace trellis::base
