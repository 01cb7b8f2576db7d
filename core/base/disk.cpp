// RealDisk (POSIX) and the atomic-write sequence built on the Disk steps.
#include "core/base/disk.h"

#include "core/base/paths.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trellis::base {

namespace {

Diagnostic sysError(const std::string &path, const std::string &what, int err)
{
    return Diagnostic::error({path}, what + ": " + std::strerror(err));
}

std::int64_t mtimeOf(const struct stat &st)
{
    return std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

} // namespace

Result<std::string> RealDisk::readFile(const std::string &path, std::size_t maxBytes) const
{
    int fd;
    do
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return sysError(path, "cannot read", errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return sysError(path, "cannot read", err);
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return sysError(path, "cannot read", EISDIR);
    }
    if (S_ISREG(st.st_mode) && std::uint64_t(st.st_size) > maxBytes) {
        ::close(fd);
        return Diagnostic::error({path}, "cannot read: the file is " + std::to_string(st.st_size)
                                             + " bytes, more than the limit of " + std::to_string(maxBytes));
    }
    std::string out;
    if (S_ISREG(st.st_mode))
        out.reserve(std::size_t(st.st_size));
    char buf[65536];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return sysError(path, "cannot read", err);
        }
        if (n == 0)
            break;
        if (out.size() + std::size_t(n) > maxBytes) { // a pipe or a file that grew
            ::close(fd);
            return Diagnostic::error({path}, "cannot read: the file is larger than the limit of "
                                                 + std::to_string(maxBytes) + " bytes");
        }
        out.append(buf, std::size_t(n));
    }
    ::close(fd);
    return out;
}

Result<FileInfo> RealDisk::stat(const std::string &path) const
{
    FileInfo info;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return info;
        return sysError(path, "cannot stat", errno);
    }
    info.exists = true;
    info.isSymlink = S_ISLNK(st.st_mode);
    if (info.isSymlink) {
        struct stat target {};
        if (::stat(path.c_str(), &target) == 0)
            st = target; // a dangling link keeps the link's own size and time
    }
    info.isDir = S_ISDIR(st.st_mode);
    info.isFile = S_ISREG(st.st_mode);
    info.size = std::uint64_t(st.st_size);
    info.mtimeNs = mtimeOf(st);
    return info;
}

Result<std::vector<DirEntry>> RealDisk::listDirectory(const std::string &path) const
{
    DIR *d = ::opendir(path.c_str());
    if (!d)
        return sysError(path, "cannot list the directory", errno);
    std::vector<DirEntry> out;
    errno = 0;
    while (const dirent *e = ::readdir(d)) {
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        DirEntry entry{name, e->d_type == DT_DIR, e->d_type == DT_REG, e->d_type == DT_LNK};
        if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
            const std::string child = path + "/" + name;
            struct stat st {};
            if (e->d_type == DT_UNKNOWN && ::lstat(child.c_str(), &st) == 0) {
                entry.isSymlink = S_ISLNK(st.st_mode);
                entry.isDir = S_ISDIR(st.st_mode);
                entry.isFile = S_ISREG(st.st_mode);
            }
            if (entry.isSymlink && ::stat(child.c_str(), &st) == 0) {
                entry.isDir = S_ISDIR(st.st_mode);
                entry.isFile = S_ISREG(st.st_mode);
            }
        }
        out.push_back(std::move(entry));
        errno = 0;
    }
    const int err = errno;
    ::closedir(d);
    if (err != 0)
        return sysError(path, "cannot list the directory", err);
    std::sort(out.begin(), out.end(), [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
    return out;
}

Result<std::string> RealDisk::realPath(const std::string &path) const
{
    char *resolved = ::realpath(path.c_str(), nullptr);
    if (!resolved)
        return sysError(path, "cannot resolve", errno);
    std::string out(resolved);
    std::free(resolved);
    return out;
}

Status RealDisk::makeDirectories(const std::string &path)
{
    if (path.empty())
        return okStatus();
    std::string partial;
    size_t pos = 0;
    while (pos <= path.size()) {
        const size_t slash = path.find('/', pos);
        const size_t end = slash == std::string::npos ? path.size() : slash;
        partial = path.substr(0, end);
        pos = end + 1;
        if (partial.empty() || partial.back() == '/')
            continue;
        if (::mkdir(partial.c_str(), 0777) != 0 && errno != EEXIST)
            return sysError(partial, "cannot create the directory", errno);
        if (slash == std::string::npos)
            break;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return sysError(path, "cannot create the directory", ENOTDIR);
    return okStatus();
}

Result<int> RealDisk::create(const std::string &path, const std::string &modeFrom)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return sysError(path, "cannot create", errno);
    struct stat st {};
    if (!modeFrom.empty() && ::stat(modeFrom.c_str(), &st) == 0 && ::fchmod(fd, st.st_mode & 07777) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        return sysError(path, "cannot set the permissions", err);
    }
    return fd;
}

Status RealDisk::write(int handle, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(handle, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return sysError("fd " + std::to_string(handle), "cannot write", errno);
        if (n == 0)
            return sysError("fd " + std::to_string(handle), "cannot write", ENOSPC);
        data.remove_prefix(std::size_t(n));
    }
    return okStatus();
}

Status RealDisk::sync(int handle)
{
    if (::fsync(handle) != 0)
        return sysError("fd " + std::to_string(handle), "cannot fsync", errno);
    return okStatus();
}

Status RealDisk::close(int handle)
{
    if (::close(handle) != 0 && errno != EINTR)
        return sysError("fd " + std::to_string(handle), "cannot close", errno);
    return okStatus();
}

Status RealDisk::rename(const std::string &from, const std::string &to)
{
    if (::rename(from.c_str(), to.c_str()) != 0)
        return sysError(to, "cannot rename " + from + " to it", errno);
    return okStatus();
}

Status RealDisk::link(const std::string &existing, const std::string &newPath)
{
    if (::link(existing.c_str(), newPath.c_str()) != 0)
        return sysError(existing, "cannot link to " + newPath, errno);
    return okStatus();
}

Status RealDisk::remove(const std::string &path)
{
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        return sysError(path, "cannot delete", errno);
    return okStatus();
}

Status RealDisk::syncDirectory(const std::string &dir)
{
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return sysError(dir, "cannot open the directory", errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // Some file systems cannot fsync a directory (EINVAL); the renames are done anyway.
    if (rc != 0 && err != EINVAL)
        return sysError(dir, "cannot fsync the directory", err);
    return okStatus();
}

std::string siblingPath(const std::string &path, std::string_view tag)
{
    // The counter keeps two writes of one file from different threads apart.
    static std::atomic<unsigned> counter{0};
    const std::string dir(dirName(path));
    const std::string name(baseName(path));
    return (dir.empty() ? std::string() : dir + "/") + "." + name + "." + std::string(tag) + "-"
           + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

Result<std::string> writeTemporaryFile(Disk &disk, const std::string &target, std::string_view data)
{
    return writeTemporaryFile(disk, target, std::vector<std::string_view>{data});
}

Result<std::string> writeTemporaryFile(Disk &disk, const std::string &target, const std::vector<std::string_view> &pieces,
                                       bool durable)
{
    const std::string temp = siblingPath(target, "trellis-new");
    auto fd = disk.create(temp, target);
    if (!fd)
        return fd.takeDiagnostics();
    Status st = okStatus();
    for (std::string_view data : pieces)
        if (st)
            st = disk.write(*fd, data);
    if (st && durable)
        st = disk.sync(*fd);
    Status closed = disk.close(*fd);
    if (st && !closed)
        st = std::move(closed);
    if (!st) {
        (void)disk.remove(temp);
        // Name the file rather than the descriptor.
        return Diagnostic::error({temp}, st.diagnostics().front().message);
    }
    return temp;
}

Status writeFileAtomically(Disk &disk, const std::string &path, std::string_view data)
{
    return writeFileAtomically(disk, path, std::vector<std::string_view>{data});
}

Status writeFileAtomically(Disk &disk, const std::string &path, const std::vector<std::string_view> &pieces,
                           bool durable)
{
    auto temp = writeTemporaryFile(disk, path, pieces, durable);
    if (!temp)
        return temp.takeDiagnostics();
    if (Status st = disk.rename(*temp, path); !st) {
        (void)disk.remove(*temp);
        return st;
    }
    return durable ? disk.syncDirectory(std::string(dirName(path))) : okStatus();
}

} // namespace trellis::base
