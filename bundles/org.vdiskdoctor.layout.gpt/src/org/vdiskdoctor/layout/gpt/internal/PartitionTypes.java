// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.layout.gpt.internal;

import java.util.Locale;
import java.util.Map;

/** Names of the partition type GUIDs users meet on VM disks (gdisk's names), for labels. */
final class PartitionTypes {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI system"),
            Map.entry("21686148-6449-6E6F-744E-656564454649", "BIOS boot"),
            Map.entry("0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem"),
            Map.entry("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "Linux x86-64 root"),
            Map.entry("BC13C2FF-59E6-4262-A352-B275FD6F7172", "Linux extended boot"),
            Map.entry("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "Linux swap"),
            Map.entry("E6D6D379-F507-44C2-A23C-238F2A3DF928", "Linux LVM"),
            Map.entry("A19D880F-05FC-4D3B-A006-743F0F84911E", "Linux RAID"),
            Map.entry("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data"),
            Map.entry("E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved"),
            Map.entry("DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows recovery"),
            Map.entry("5808C8AA-7E8F-42E0-85D2-E1E90434CFB3", "Windows LDM metadata"),
            Map.entry("AF9B60A0-1431-4F62-BC68-3311714A69AD", "Windows LDM data"));

    private PartitionTypes() {
    }

    /** gdisk's name for the type, or the GUID itself. */
    static String name(String typeGuid) {
        return NAMES.getOrDefault(typeGuid.toUpperCase(Locale.ROOT), typeGuid);
    }
}
