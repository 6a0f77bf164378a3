package meek;

/** meek-spark's launcher keeps its start-up archive by the same rules as meek's. */
class SparkLauncherTest extends LauncherTest {

  @Override
  String launcher() {
    return "meek-spark";
  }
}
