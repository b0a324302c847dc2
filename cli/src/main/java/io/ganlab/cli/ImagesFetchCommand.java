package io.ganlab.cli;

import io.ganlab.common.DataCache;
import io.ganlab.imagegan.data.FashionMnist;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gan images fetch}. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        header = "Fetch an image data set once (with the machine's apt-get) into a cache directory.",
        description = "fashion-mnist: Fashion-MNIST (70,000 28x28 gray images of clothes, 10 classes, MIT licence),"
                + " from the Debian package " + FashionMnist.PACKAGE + ", with a " + DataCache.CONFIG + " beside it."
                + " Nothing else is ever downloaded.")
final class ImagesFetchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Data set to fetch: " + FashionMnist.NAME + ".")
    String name;

    @CommandLine.Mixin
    FetchOptions fetch;

    @Override
    public Integer call() {
        return fetch.fetch(name, FashionMnist.NAME, "data set", FashionMnist::fetch, "gan images prepare");
    }
}
