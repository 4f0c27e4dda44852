package io.mirrorguard.agent.remediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent's journal in a file under storage.path (the default, without storage.url): append-only, one JSON object
 * per line, forced to disk before the statement it announces is sent. A torn last line (killed mid-write) is ignored
 * on reading; nothing is ever rewritten. A STARTED without an end reads INTERRUPTED: the file belongs to one agent, and
 * its reader is the agent after a restart or an operator's CLI.
 */
public final class FileJournal implements Journal {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public FileJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public synchronized void append(JournalEntry entry) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                ch.position(ch.size());
                if (ch.size() > 0 && lastByte(ch) != '\n') {
                    // a torn line from a killed writer: end it so this entry starts on its own line
                    ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write remediation journal " + file, e);
        }
    }

    private static byte lastByte(FileChannel ch) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, ch.size() - 1);
        return one.get(0);
    }

    /** Every action's latest state, oldest first; STARTED without an end reads as INTERRUPTED. */
    @Override
    public synchronized List<JournalEntry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, JournalEntry> latest = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JournalEntry e;
                try {
                    e = json.readValue(line, JournalEntry.class);
                } catch (IOException torn) {
                    continue;
                }
                latest.put(e.id(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read remediation journal " + file, e);
        }
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : latest.values()) {
            out.add(e.status() == JournalEntry.Status.STARTED
                    ? e.withStatus(JournalEntry.Status.INTERRUPTED, JournalEntry.INTERRUPTED_DETAIL)
                    : e);
        }
        return out;
    }
}
