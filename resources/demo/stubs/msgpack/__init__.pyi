# Type stubs for the parts of msgpack that Orchard uses.
from typing import Any, Callable

def packb(
    o: Any,
    *,
    default: Callable[[Any], Any] | None = ...,
    use_bin_type: bool = ...,
    strict_types: bool = ...,
) -> bytes: ...
def unpackb(
    packed: bytes,
    *,
    raw: bool = ...,
    use_list: bool = ...,
    strict_map_key: bool = ...,
) -> Any: ...
