// SPDX-License-Identifier: EPL-2.0
package org.vdiskdoctor.core;

/** Finding codes that belong to no one format: files, chains and the engine itself. */
public final class CoreCodes {
    private CoreCodes() {
    }

    public static final FindingCode FILE_MISSING = FindingCode.of("core.file.missing");
    public static final FindingCode FILE_PERMISSION_DENIED = FindingCode.of("core.file.permission-denied");
    public static final FindingCode FILE_FIFO = FindingCode.of("core.file.fifo");
    public static final FindingCode FILE_CHAR_DEVICE = FindingCode.of("core.file.char-device");
    public static final FindingCode FILE_SOCKET = FindingCode.of("core.file.socket");
    public static final FindingCode FILE_SYMLINK_LOOP = FindingCode.of("core.file.symlink-loop");
    public static final FindingCode FILE_UNSUPPORTED_TYPE = FindingCode.of("core.file.unsupported-type");
    public static final FindingCode FILE_EMPTY = FindingCode.of("core.file.empty");
    public static final FindingCode FILE_IO_ERROR = FindingCode.of("core.file.io-error");
    /** The image file has no write permission for anyone, or lies on a read-only file system (info). */
    public static final FindingCode FILE_READ_ONLY = FindingCode.of("core.file.read-only");
    public static final FindingCode FILE_TRUNCATED = FindingCode.of("core.file.truncated");
    public static final FindingCode FORMAT_UNRECOGNISED = FindingCode.of("core.format.unrecognised");
    public static final FindingCode CHAIN_BACKING_MISSING = FindingCode.of("core.chain.backing-missing");
    public static final FindingCode CHAIN_BACKING_ESCAPE = FindingCode.of("core.chain.backing-escape");
    public static final FindingCode CHAIN_BACKING_INVALID_NAME = FindingCode.of("core.chain.backing-invalid-name");
    public static final FindingCode CHAIN_BACKING_UNREADABLE = FindingCode.of("core.chain.backing-unreadable");
    public static final FindingCode CHAIN_CYCLE = FindingCode.of("core.chain.cycle");
    public static final FindingCode CHAIN_TOO_DEEP = FindingCode.of("core.chain.too-deep");
    public static final FindingCode CHAIN_FORMAT_MISMATCH = FindingCode.of("core.chain.format-mismatch");
    public static final FindingCode CHAIN_PARENT_ID_MISMATCH = FindingCode.of("core.chain.parent-id-mismatch");
    public static final FindingCode CHAIN_PARENT_SIZE_MISMATCH = FindingCode.of("core.chain.parent-size-mismatch");
    public static final FindingCode DEEP_TOOL_MISSING = FindingCode.of("core.deep.tool-missing");
    public static final FindingCode DEEP_SKIPPED = FindingCode.of("core.deep.skipped");
    public static final FindingCode DEEP_TOOL_FAILED = FindingCode.of("core.deep.tool-failed");
    public static final FindingCode FOLDER_NO_IMAGES = FindingCode.of("core.folder.no-images");
    public static final FindingCode ENGINE_INTERNAL_ERROR = FindingCode.of("core.engine.internal-error");
    public static final FindingCode ENGINE_BUDGET_EXCEEDED = FindingCode.of("core.engine.budget-exceeded");
}
