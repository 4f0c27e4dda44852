package io.mirrorguard.agent.cli;

import io.mirrorguard.agent.cli.support.UserInputException;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.snapshot.SnapshotFormatException;
import io.mirrorguard.rules.snapshot.SnapshotJson;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a snapshot file, turning every way it can be wrong into one message that names the file and the place. */
final class SnapshotFiles {

    private SnapshotFiles() {}

    static FleetSnapshot read(Path file) {
        String json;
        try {
            if (Files.isDirectory(file)) {
                throw new UserInputException("snapshot " + file + ": is a directory, expected a JSON file");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException("snapshot " + file + ": file not found");
        } catch (AccessDeniedException e) {
            throw new UserInputException("snapshot " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new UserInputException("snapshot " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException("snapshot " + file + ": cannot read: " + e.getMessage());
        }
        try {
            return SnapshotJson.read(json);
        } catch (SnapshotFormatException e) {
            throw new UserInputException("snapshot " + file + ": invalid at " + e.getMessage(), e);
        }
    }
}
