package org.ccpfhir.platform.schema;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The one place where own tables are migrated: when the app's {@code DataSource} bean (or an {@link
 * OwnDatabase} bean) has been created, every {@link OwnSchema} bean naming that database is
 * migrated, before the database is handed to any other bean. So no repository, job or interceptor
 * can see a database whose tables are missing or old, whatever order Spring creates them in, and
 * repositories have no side effects.
 */
public class OwnSchemaMigration implements BeanPostProcessor, BeanFactoryAware {

  private ConfigurableListableBeanFactory beans;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beans = (ConfigurableListableBeanFactory) beanFactory;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    if (bean instanceof OwnDatabase own) {
      migrate(own.dataSource(), own.name());
    } else if (bean instanceof DataSource dataSource && isMain(beanName)) {
      migrate(dataSource, OwnSchema.MAIN);
    }
    return bean;
  }

  private boolean isMain(String beanName) {
    String[] dataSources = beans.getBeanNamesForType(DataSource.class, true, false);
    return dataSources.length == 1
        || (beans.containsBeanDefinition(beanName)
            && beans.getBeanDefinition(beanName).isPrimary());
  }

  private void migrate(DataSource dataSource, String database) {
    List<OwnSchema> schemas =
        beans
            .getBeanProvider(OwnSchema.class)
            .orderedStream()
            .filter(schema -> schema.database().equals(database))
            .toList();
    for (OwnSchema schema : schemas) {
      schema.migrate(dataSource);
    }
  }
}
