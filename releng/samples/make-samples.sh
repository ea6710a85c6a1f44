#!/usr/bin/env bash
# SPDX-License-Identifier: EPL-2.0
#
# Makes the sample images in samples/ (or in the folder given as $1) with the real qemu-img, plus documented byte
# surgery. Each image's expected finding codes and exit class are listed in samples/EXPECTED, which the system tests
# check against both the committed samples and a fresh run of this script.
#
# Needs: qemu-img (Debian: qemu-utils), dd, printf.
set -euo pipefail

out="${1:-$(cd "$(dirname "$0")/../.." && pwd)/samples}"
mkdir -p "$out"
cd "$out"
rm -f ./*.qcow2 ./*.img ./*.vhdx
command -v qemu-img >/dev/null || { echo "make-samples: qemu-img is missing (apt-get install qemu-utils)" >&2; exit 1; }

# poke FILE OFFSET HEXBYTES...: overwrite bytes in place (byte surgery), e.g. poke x.qcow2 79 01
poke() {
  local f="$1" off="$2"; shift 2
  local b; for b in "$@"; do printf "\\x$b"; done | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}
small() { qemu-img create -q -f qcow2 -o cluster_size=4096 "$@"; }

# healthy.qcow2 — a QCOW2 v3 image, 16 MiB virtual, 4 KiB clusters, 68 KiB written by qemu-io at 1 MiB and 8 MiB
# (the first sector stays zero: a blank disk, not a broken boot sector). No findings.
small healthy.qcow2 16M
qemu-io -f qcow2 -c "write -q -P 0x5a 1M 64k" -c "write -q -P 0xa5 8M 4k" healthy.qcow2 >/dev/null

# overlay.qcow2 — a healthy chain: overlay.qcow2 -> healthy.qcow2 (backing format recorded). No findings.
small -b healthy.qcow2 -F qcow2 overlay.qcow2

# dirty-lazy.qcow2 — lazy_refcounts=on and the dirty bit set (incompatible_features bit 0 = byte 79 |= 0x01), as a
# VM killed mid-write leaves it. Refcounts are expected to be stale: an info finding, exit 0.
small -o lazy_refcounts=on dirty-lazy.qcow2 16M
poke dirty-lazy.qcow2 79 01

# corrupt-flag.qcow2 — the corrupt bit set (incompatible_features bit 1 = byte 79 |= 0x02), as QEMU does when it
# stops an invalid metadata write. QEMU refuses to open it read/write: an error.
small corrupt-flag.qcow2 16M
poke corrupt-flag.qcow2 79 02

# missing-backing.qcow2 — backing file gone.qcow2 does not exist (made with -u, then nothing). An error.
small -u -b gone.qcow2 -F qcow2 missing-backing.qcow2 16M

# escape-backing.qcow2 — backing file /etc/hostname lies outside the folder the user named: never opened. An error.
small -u -b /etc/hostname -F raw escape-backing.qcow2 16M

# self-loop.qcow2 — its backing file is itself: a one-image cycle. An error. qemu-img refuses to make this, so the
# image is made with the backing name SELF-LOOP.qcow2 and the name's bytes (at the header's backing_file_offset,
# bytes 8..15) are overwritten with self-loop.qcow2, which has the same length.
small -u -b SELF-LOOP.qcow2 -F qcow2 self-loop.qcow2 16M
name_off=$((16#$(od -A n -t x1 -j 8 -N 8 self-loop.qcow2 | tr -d ' \n')))
printf 'self-loop.qcow2' | dd of=self-loop.qcow2 bs=1 seek="$name_off" conv=notrunc status=none

# truncated.qcow2 — healthy.qcow2 cut to its first 4 KiB: the L1 and refcount tables lie past the end. An error.
cp healthy.qcow2 truncated.qcow2
truncate -s 4096 truncated.qcow2

# no-backing-format.qcow2 — overlay of healthy.qcow2 whose backing-format header extension (0xe2792aca, the first
# extension, at header_length = byte 112) has its type zeroed, which ends the extension list: the image no longer
# says what format its backing file has. libvirt refuses such images; QEMU probes. A warning (exit 3).
small -b healthy.qcow2 -F qcow2 no-backing-format.qcow2
poke no-backing-format.qcow2 112 00 00 00 00

# blank.img — a raw 1 MiB image of zeros. No findings.
qemu-img create -q -f raw blank.img 1M

# empty.img — zero bytes, a failed copy. An error.
: > empty.img

# --- vhd ---
# healthy.vhd — a dynamic VHD (qemu-img -f vpc), 16 MiB, nothing written: footer copy at 0, dynamic header at 512, BAT
# at 1536, footer at the end. No findings. (The footer's time stamp and unique id differ on every run.)
qemu-img create -q -f vpc healthy.vhd 16M

# bad-footer-checksum.vhd — the same, with a reserved byte of the footer copy at offset 0 changed (byte 100 = 01)
# and its checksum (bytes 64..67) left alone. QEMU reads that copy and refuses the disk ("Incorrect header
# checksum"); the footer at the end is intact and is used. An error.
qemu-img create -q -f vpc bad-footer-checksum.vhd 16M
poke bad-footer-checksum.vhd 100 01
# --- vdi ---
# VDI samples: qemu-img writes random UUIDs, so both get fixed ones (uuidCreate at 0x188, uuidModify at 0x198) and a
# fresh run gives the same bytes.
rm -f ./*.vdi
vdi_ids() {
  poke "$1" $((0x188)) 11 11 11 11 22 22 33 33 44 44 "$2" 55 55 55 55 55
  poke "$1" $((0x198)) 66 66 66 66 77 77 88 88 99 99 "$2" aa aa aa aa aa
}

# cut-copy.vdi — a 16 MiB dynamic VDI as an interrupted copy leaves it: the header counts 1 allocated block
# (cBlocksAllocated at 0x184 = 1) and block 5's map entry (at 0x200 + 4 x 5) points at data block 0, but the file ends
# where the data area starts (0x400). Block 5 is in the middle of the disk, away from the sectors the partition probes
# read. Errors: vdi.file.truncated, vdi.bmap.data-past-eof.
qemu-img create -q -f vdi cut-copy.vdi 16M
vdi_ids cut-copy.vdi 01
poke cut-copy.vdi $((0x184)) 01 00 00 00
poke cut-copy.vdi $((0x214)) 00 00 00 00

# orphan-snapshot.vdi — a differencing VDI (type at 0x4c = 4) whose parent, UUID 01020304-0506-0708-090a-0b0c0d0e0f10
# (uuidLinkage at 0x1a8, stored with its first three fields little-endian), is in neither this folder nor the one
# above. VirtualBox finds parents through its media registry; we search by UUID. An error: vdi.chain.parent-not-found.
qemu-img create -q -f vdi orphan-snapshot.vdi 16M
vdi_ids orphan-snapshot.vdi 02
poke orphan-snapshot.vdi $((0x4c)) 04
poke orphan-snapshot.vdi $((0x1a8)) 04 03 02 01 06 05 08 07 09 0a 0b 0c 0d 0e 0f 10
# blocks 0 and 15 are marked zero (0xfffffffe at 0x200 and 0x23c), as after a discard: the partition probes read the
# first and last sectors, which then do not need the missing parent (a read that does fails, naming the parent UUID).
poke orphan-snapshot.vdi $((0x200)) fe ff ff ff
poke orphan-snapshot.vdi $((0x23c)) fe ff ff ff
# --- vhdx ---
# vhdx-header1-zeroed.vhdx — a dynamic VHDX (qemu-img, 4 MiB virtual, 1 MiB blocks; the file is 8 MiB but sparse)
# whose header 1 (4 KiB at 64 KiB) is zeroed; header 2 is intact and used. qemu-img check says "No errors were
# found"; the image has lost its redundancy: a warning (exit 3).
qemu-img create -q -f vhdx -o block_size=1M vhdx-header1-zeroed.vhdx 4M
dd if=/dev/zero of=vhdx-header1-zeroed.vhdx bs=4096 seek=16 count=1 conv=notrunc status=none

# vhdx-bad-bat.vhdx — the same kind of image with BAT entry 1 (8 bytes at 2 MiB + 8; qemu-img writes state 2, ZERO)
# set to state 4, which the specification does not define. qemu-img check does not walk the BAT. An error.
qemu-img create -q -f vhdx -o block_size=1M vhdx-bad-bat.vhdx 4M
poke vhdx-bad-bat.vhdx $((2 * 1024 * 1024 + 8)) 04
# --- vmdk ---
rm -f ./*.vmdk

# unclean.vmdk — a 1 MiB monolithicSparse disk whose uncleanShutdown byte (offset 72 of the KDMV header) is set, as
# VMware leaves it when the VM crashed with the disk open. The disk still reads: a warning (exit 3).
qemu-img create -q -f vmdk -o subformat=monolithicSparse unclean.vmdk 1M
poke unclean.vmdk 72 01

# orphan-flat.vmdk — the flat extent of a 128 KiB monolithicFlat disk, copied without its descriptor (orphan.vmdk
# is deleted): raw data no tool opens as a VMDK by itself. An error.
qemu-img create -q -f vmdk -o subformat=monolithicFlat orphan.vmdk 128K
rm orphan.vmdk

echo "make-samples: wrote $(ls | wc -l) files to $out" >&2
