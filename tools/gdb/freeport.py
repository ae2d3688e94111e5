# freeport.py - GDB commands that show Freeport's IPC state in kernel terms.
#
#   fp-caps PID          the capability table of process PID: slot, token,
#                        rights, kind, object and its registry id
#   fp-port ID|ADDRESS   one port: limits, waiters, and every queued message
#                        (ID as ipcstat shows it, or a struct port address)
#   fp-trace [N]         the last N events of the IPC trace ring (default all)
#
# tools/gdbinit sources this file; docs/ipc.md has a session using it. It
# only reads memory (statics by name, lists by walking them), so it works
# wherever the kernel is stopped.

import gdb

RIGHTS = ["SEND", "RECEIVE", "GRANT", "REVOKE", "MAP", "WRITE"]
KINDS = {0: "any", 1: "port", 2: "channel", 3: "region", 4: "broadcast", 5: "waitset", 6: "stream"}
TRACE_OPS = {1: "send", 2: "receive", 3: "call", 4: "reply", 5: "refused"}


def static(name):
    symbol = gdb.lookup_static_symbol(name) or gdb.lookup_global_symbol(name)
    if symbol is None:
        raise gdb.GdbError("no symbol %s: is build/freeport.elf loaded?" % name)
    return symbol.value()


def offset_of(type_name, field):
    for f in gdb.lookup_type(type_name).fields():
        if f.name == field:
            return f.bitpos // 8
    raise gdb.GdbError("%s has no field %s" % (type_name, field))


def list_items(head, type_name, field):
    """The elements of an intrusive list (lib/list.h), as values of type_name."""
    element = gdb.lookup_type(type_name).pointer()
    offset = offset_of(type_name, field)
    node = head["next"]
    while node != head.address:
        yield (node.cast(gdb.lookup_type("char").pointer()) - offset).cast(element).dereference()
        node = node["next"]


def rights_text(rights):
    names = [name for bit, name in enumerate(RIGHTS) if int(rights) & (1 << bit)]
    return "|".join(names) or "-"


def registry_id(object_address):
    for entry in list_items(static("live_objects"), "struct ipc_registry_entry", "link"):
        if int(entry["object"]) == int(object_address):
            return int(entry["id"])
    return 0


class Caps(gdb.Command):
    """fp-caps PID: list the capabilities of process PID."""

    def __init__(self):
        super().__init__("fp-caps", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        pid = int(gdb.parse_and_eval(argument))
        table = static("process_table")
        for index in range(table.type.range()[1] + 1):
            process = table[index]
            if int(process) != 0 and int(process["pid"]) == pid:
                return self.show(process.dereference())
        raise gdb.GdbError("no process %d" % pid)

    def show(self, process):
        ipc = process["ipc"]
        print("pid %d (%s)" % (int(process["pid"]), process["name"].string()))
        if int(ipc) == 0:
            print("  no IPC state: it never made an IPC call")
            return
        caps = ipc["capabilities"]
        print("  %d of %d slots used, %d reserved; refused %d invalid, %d for rights; owes %d replies"
              % (int(caps["used"]), int(caps["capacity"]), int(caps["reserved"]), int(caps["refused_invalid"]),
                 int(caps["refused_permission"]), int(ipc["owed"]["count"])))
        print("  %5s %-18s %-26s %-9s %-18s %s" % ("SLOT", "TOKEN", "RIGHTS", "KIND", "OBJECT", "ID"))
        for index in range(1, int(caps["capacity"]) + 1):
            slot = caps["slots"][index]
            if int(slot["object"]) == 0:
                continue
            token = index | int(slot["generation"]) << 32 | int(slot["rights"]) << 48
            print("  %5d 0x%016x %-26s %-9s 0x%x %d" % (index, token, rights_text(slot["rights"]),
                                                         KINDS.get(int(slot["kind"]), "?"), int(slot["object"]),
                                                         registry_id(slot["object"])))


class Port(gdb.Command):
    """fp-port ID|ADDRESS: show a port and its queue."""

    def __init__(self):
        super().__init__("fp-port", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        value = int(gdb.parse_and_eval(argument))
        address = value
        if value < 0x100000000:  # an id, not an address
            address = 0
            for entry in list_items(static("live_objects"), "struct ipc_registry_entry", "link"):
                if int(entry["id"]) == value:
                    address = int(entry["object"])
            if address == 0:
                raise gdb.GdbError("no live object with id %d" % value)
        port = gdb.Value(address).cast(gdb.lookup_type("struct port").pointer()).dereference()
        self.show(port)

    def show(self, port):
        queue, counters = port["queue"], port["registry"]["counters"]
        waiting = [sum(1 for _ in list_items(port[side], "struct port_waiter", "link"))
                   for side in ("receivers", "senders")]
        print("port %d owned by pid %d%s: %d of %d queued (max %d), max message %d%s"
              % (int(port["registry"]["id"]), int(port["registry"]["owner_pid"]),
                 " CLOSED" if port["closed"] else "", int(queue["depth"]), int(queue["depth_limit"]),
                 int(queue["max_depth"]), int(port["max_message"]), ", filtered" if port["filtered"] else ""))
        print("  %d receivers and %d senders waiting; %d RECEIVE capabilities, %d references"
              % (waiting[0], waiting[1], int(port["object"]["receive_holders"]), int(port["object"]["references"])))
        print("  sent %d, received %d, dropped %d, refused %d, discarded %d, fast path %d"
              % tuple(int(counters[f]) for f in ("sent", "received", "dropped", "refused", "discarded",
                                                  "fast_path_hits")))
        levels = queue["levels"]
        for priority in range(levels.type.range()[1], -1, -1):
            for message in list_items(levels[priority], "struct ipc_message", "link"):
                header = message["header"]
                print("  [prio %2d] type %d, %d bytes from pid %d, %d caps, flags %d, transaction %d"
                      % (priority, int(header["type"]), int(header["length"]), int(header["sender_pid"]),
                         int(header["cap_count"]), int(header["flags"]), int(header["transaction_id"])))


class Trace(gdb.Command):
    """fp-trace [N]: print the last N events of the IPC trace ring."""

    def __init__(self):
        super().__init__("fp-trace", gdb.COMMAND_DATA)

    def invoke(self, argument, from_tty):
        ring = static("trace_ring")
        capacity, end = int(ring["capacity"]), int(ring["next_sequence"])
        count = min(end, capacity, int(gdb.parse_and_eval(argument)) if argument else capacity)
        print("trace %s, %d events recorded" % ("on" if ring["enabled"] else "off", end))
        for sequence in range(end - count, end):
            event = ring["events"][sequence % capacity]
            print("  %5d tick %-6d %-8s object %-4d pid %d -> %d, %d bytes, crc %08x, error %d"
                  % (int(event["sequence"]), int(event["timestamp"]), TRACE_OPS.get(int(event["op"]), "?"),
                     int(event["object_id"]), int(event["sender_pid"]), int(event["receiver_pid"]),
                     int(event["size"]), int(event["payload_crc32"]), int(event["error"])))


Caps()
Port()
Trace()
